export type { Change, ChangeType, DiffResult, DiffSummary } from './change.js';
export { compareVersions } from './compare-versions.js';
export { diffGraphs } from './diff-graphs.js';
export { diffRepositories, summarise } from './diff-repositories.js';
