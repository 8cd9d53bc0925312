import semver from 'semver';
import { parseSemver } from '../osv/versions.js';

/**
 * GitHub's `vulnerable_version_range` syntax (REST `global-advisory` →
 * `vulnerabilities[]`; GraphQL `SecurityVulnerability.vulnerableVersionRange`):
 * `= 0.2.0`, `<= 1.0.8`, `< 0.1.11`, `>= 4.3.0, < 4.3.5`, `>= 0.0.1` —
 * comparators joined by `, ` meaning "and". That is not npm range syntax
 * (semver rejects the comma), so it is read here; a plain npm range is
 * accepted as well, read as npm audit reads ranges (prereleases included).
 *
 * @returns whether `version` is inside the range, or `undefined` when the range
 * or the version cannot be read.
 */
export function inGithubRange(version: string, range: string): boolean | undefined {
  const asked = parseSemver(version);
  if (!asked) return undefined;
  const comparators = parseComparators(range);
  if (comparators) return comparators.every(({ operator, bound }) => holds(asked.compare(bound), operator));
  if (semver.validRange(range, { loose: true, includePrerelease: true }) === null) return undefined;
  return semver.satisfies(asked, range, { loose: true, includePrerelease: true });
}

type Operator = '=' | '<' | '<=' | '>' | '>=';

const COMPARATOR = /^(<=|>=|<|>|=)\s*(\S+)$/;

function parseComparators(range: string): Array<{ operator: Operator; bound: semver.SemVer }> | undefined {
  const parts = range.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.some((part) => part === '')) return undefined;
  const out: Array<{ operator: Operator; bound: semver.SemVer }> = [];
  for (const part of parts) {
    const match = COMPARATOR.exec(part);
    const bound = match?.[2] === undefined ? undefined : parseSemver(match[2]);
    if (!match || !bound) return undefined;
    out.push({ operator: match[1] as Operator, bound });
  }
  return out;
}

function holds(order: number, operator: Operator): boolean {
  switch (operator) {
    case '=':
      return order === 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}
