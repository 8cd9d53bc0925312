/**
 * The parts of a GitHub `global-advisory` (REST `GET /advisories`, schema in
 * @octokit/openapi 23.0.2 `components.schemas.global-advisory`) that chaingate
 * reads, shaped from untrusted JSON.
 */

export interface GithubVulnerability {
  readonly ecosystem: string;
  readonly name: string;
  /** `null` in the schema when GitHub does not know the range. */
  readonly range: string | undefined;
  readonly firstPatched: string | undefined;
}

export interface GithubAdvisoryRecord {
  readonly ghsaId: string;
  readonly cveId: string | undefined;
  /** Other `identifiers[].value`s (CVE, GHSA). */
  readonly identifiers: readonly string[];
  readonly htmlUrl: string | undefined;
  readonly summary: string;
  readonly type: string;
  readonly severity: string;
  readonly cvssScore: number | undefined;
  readonly cvssVector: string | undefined;
  readonly cvss4Vector: string | undefined;
  readonly publishedAt: string | undefined;
  /** `updated_at`: the advisory's last change. */
  readonly updatedAt: string | undefined;
  readonly withdrawnAt: string | undefined;
  readonly vulnerabilities: readonly GithubVulnerability[];
}

/** @returns the record, or `undefined` when it is not an object with a string `ghsa_id`. */
export function toGithubAdvisory(value: unknown): GithubAdvisoryRecord | undefined {
  if (!isObject(value) || typeof value['ghsa_id'] !== 'string' || value['ghsa_id'] === '') return undefined;
  const severities = isObject(value['cvss_severities']) ? value['cvss_severities'] : {};
  const v3 = isObject(severities['cvss_v3']) ? severities['cvss_v3'] : undefined;
  const v4 = isObject(severities['cvss_v4']) ? severities['cvss_v4'] : undefined;
  // `cvss` is deprecated (gone from API version 2026-03-10); `cvss_severities.cvss_v3` replaces it.
  const legacy = isObject(value['cvss']) ? value['cvss'] : undefined;
  const cvss = v3 && (score(v3['score']) !== undefined || text(v3['vector_string'])) ? v3 : legacy;
  return {
    ghsaId: value['ghsa_id'],
    cveId: text(value['cve_id']),
    identifiers: Array.isArray(value['identifiers'])
      ? value['identifiers'].map((id) => (isObject(id) ? text(id['value']) : undefined)).filter((id): id is string => id !== undefined)
      : [],
    htmlUrl: text(value['html_url']),
    summary: text(value['summary']) ?? value['ghsa_id'],
    type: text(value['type']) ?? 'reviewed',
    severity: text(value['severity']) ?? 'unknown',
    cvssScore: cvss ? score(cvss['score']) : undefined,
    cvssVector: cvss ? text(cvss['vector_string']) : undefined,
    cvss4Vector: v4 ? text(v4['vector_string']) : undefined,
    publishedAt: text(value['published_at']),
    updatedAt: text(value['updated_at']),
    withdrawnAt: text(value['withdrawn_at']),
    vulnerabilities: Array.isArray(value['vulnerabilities']) ? value['vulnerabilities'].map(toVulnerability).filter((v) => v !== undefined) : [],
  };
}

function toVulnerability(value: unknown): GithubVulnerability | undefined {
  if (!isObject(value) || !isObject(value['package'])) return undefined;
  const ecosystem = text(value['package']['ecosystem']);
  const name = text(value['package']['name']);
  if (!ecosystem || !name) return undefined;
  const patched = value['first_patched_version'];
  return {
    ecosystem,
    name,
    range: text(value['vulnerable_version_range']),
    // A string in the global-advisory schema; `{ identifier }` in older and Dependabot shapes.
    firstPatched: text(patched) ?? (isObject(patched) ? text(patched['identifier']) : undefined),
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function score(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 10 ? value : undefined;
}
