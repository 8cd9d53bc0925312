import type { AffectedPackage } from '../osv/affected-packages.js';
import { purlTypeOfGithubEcosystem } from './ecosystems.js';
import { advisoryOfGithub } from './advisory-source.js';
import type { GithubAdvisoryRecord } from './record.js';
import { inGithubRange } from './version-range.js';

/**
 * Every package of a GitHub advisory (REST `global-advisory`) with a
 * `vulnerable_version_range`, judged by the range reader the GitHub source
 * uses for checks. A withdrawn advisory affects nothing.
 */
export function githubAffectedPackages(record: GithubAdvisoryRecord): AffectedPackage[] {
  if (record.withdrawnAt) return [];
  const packages: AffectedPackage[] = [];
  for (const vulnerability of record.vulnerabilities) {
    const ecosystem = purlTypeOfGithubEcosystem(vulnerability.ecosystem);
    const range = vulnerability.range;
    if (!ecosystem || range === undefined) continue;
    packages.push({
      ecosystem,
      name: vulnerability.name,
      advisory: advisoryOfGithub(record, [vulnerability.firstPatched]),
      versions: range,
      affects: (version) => inGithubRange(version, range) === true,
    });
  }
  return packages;
}
