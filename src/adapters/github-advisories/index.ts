export { GithubAdvisorySource, GITHUB_AFFECTS_LIMIT, type GithubAdvisoryOptions } from './advisory-source.js';
export { inGithubRange } from './version-range.js';
export { nextLink } from './link-header.js';
export { toGithubAdvisory, type GithubAdvisoryRecord } from './record.js';
export { githubAffectedPackages } from './affected-packages.js';
export { advisoryOfGithub } from './advisory-source.js';
