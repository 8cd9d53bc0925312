import { UpstreamError } from '../../core/errors.js';
import type { Advisory, PackageRef, Severity } from '../../core/facts.js';
import { packageKey, type AdvisorySource } from '../../core/ports.js';
import type { HttpClient } from '../http/index.js';
import { cvss3BaseScore, cvssSeverity } from '../osv/index.js';
import { compareForSort } from '../osv/versions.js';
import { nextLink } from './link-header.js';
import { isObject, toGithubAdvisory, type GithubAdvisoryRecord } from './record.js';
import { inGithubRange } from './version-range.js';

/*
 * The contract relied on, from GitHub's OpenAPI description (@octokit/openapi
 * 23.0.2, `paths['/advisories'].get`, operationId
 * `security-advisories/list-global-advisories`):
 * - `type`: one value of `reviewed | malware | unreviewed`, default `reviewed`;
 *   "all responses will exclude advisories for malware" unless `type=malware`,
 *   so each batch is asked twice, once per type.
 * - `ecosystem`: one of `security-advisory-ecosystems` (`npm`, `pip`, `rust`…).
 * - `affects`: "advisories that affect any of `package` or `package@version`.
 *   A maximum of 1000 packages", as `a,b@1.0.0` or `affects[]=…`; "if the query
 *   parameter causes the URL to exceed the maximum URL length supported by your
 *   client, you must specify fewer packages" — hence `maxUrlLength` as well.
 * - `per_page`: 1–100 (default 30). Pagination is by cursor (`before` / `after`),
 *   "as given in the Link header": the `rel="next"` URL is followed as given.
 * - 200 answers an array of `global-advisory`; 422 and 429 are the documented errors.
 * - `global-advisory.vulnerabilities[]`: `package {ecosystem, name}`,
 *   `vulnerable_version_range` (nullable), `first_patched_version` (nullable
 *   string); `severity` is `critical | high | medium | low | unknown`; `cvss`
 *   `{vector_string, score}` is deprecated from API version 2026-03-10 in
 *   favour of `cvss_severities.cvss_v3 / cvss_v4`; both are read.
 */

export interface GithubAdvisoryOptions {
  readonly http: HttpClient;
  /** `https://api.github.com` by default; GitHub Enterprise Server: `https://HOST/api/v3`. */
  readonly baseUrl?: string;
  /** Optional: raises the rate limit (60 → 5,000 requests an hour). Sent only to `baseUrl`'s origin. */
  readonly token?: string | undefined;
  /** Packages per query (at most 1000, GitHub's limit). */
  readonly batchSize?: number;
  /** Longest request URL built (8,000 characters): long `affects` lists are split to stay under it. */
  readonly maxUrlLength?: number;
  /** Most pages followed per query before the answer is refused as runaway (50). */
  readonly maxPages?: number;
  /** Cache query answers this long (off by default: advisories change). */
  readonly queryTtlMs?: number;
}

const SERVICE = 'github advisories';
/** GitHub accepts at most 1000 packages in `affects`. */
export const GITHUB_AFFECTS_LIMIT = 1000;
const TYPES = ['reviewed', 'malware'] as const;
const SEVERITY: Readonly<Record<string, Severity>> = { critical: 'critical', high: 'high', medium: 'moderate', moderate: 'moderate', low: 'low' };

/**
 * The GitHub Advisory Database through REST `GET /advisories` (global
 * advisories), npm packages only. The `affects` filter is GitHub's first pass;
 * each advisory's `vulnerable_version_range` is checked again here.
 */
export class GithubAdvisorySource implements AdvisorySource {
  readonly name = 'github';
  readonly #http: HttpClient;
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #batchSize: number;
  readonly #maxUrlLength: number;
  readonly #maxPages: number;
  readonly #ttl: number;

  constructor(options: GithubAdvisoryOptions) {
    this.#http = options.http;
    this.#base = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    this.#token = options.token;
    this.#batchSize = Math.min(Math.max(1, options.batchSize ?? GITHUB_AFFECTS_LIMIT), GITHUB_AFFECTS_LIMIT);
    this.#maxUrlLength = options.maxUrlLength ?? 8000;
    this.#maxPages = options.maxPages ?? 50;
    this.#ttl = options.queryTtlMs ?? 0;
  }

  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    const refs = new Map<string, PackageRef>();
    for (const ref of packages) if (ref.ecosystem.toLowerCase() === 'npm') refs.set(packageKey(ref), ref);
    const found = new Map<string, Map<string, Advisory>>();
    const batches = this.#batches([...refs.values()]);
    // Every query settles before the first failure is thrown: no request outlives the call.
    const settled = await Promise.allSettled(
      batches.flatMap((batch) =>
        TYPES.map(async (type) => {
          for (const record of await this.#query(batch, type)) this.#match(record, batch, found);
        }),
      ),
    );
    const failure = settled.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    const out = new Map<string, readonly Advisory[]>();
    for (const [key, ref] of refs) {
      const advisories = found.get(key);
      if (advisories && advisories.size > 0) out.set(packageKey(ref), [...advisories.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    }
    return out;
  }

  /** Splits packages into `affects` lists of at most `batchSize` entries and `maxUrlLength` characters. */
  #batches(refs: readonly PackageRef[]): PackageRef[][] {
    const batches: PackageRef[][] = [];
    const emptyLength = this.#firstUrl([], 'reviewed').length; // `reviewed` is the longer type name
    let current: PackageRef[] = [];
    let length = emptyLength;
    for (const ref of refs) {
      // One `affects` entry as URLSearchParams encodes it; entries are joined by an encoded comma (`%2C`).
      const entry = new URLSearchParams({ a: `${ref.name}@${ref.version}` }).toString().length - 2;
      if (current.length > 0 && (current.length >= this.#batchSize || length + 3 + entry > this.#maxUrlLength)) {
        batches.push(current);
        current = [];
        length = emptyLength;
      }
      length += (current.length > 0 ? 3 : 0) + entry;
      current.push(ref);
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  #firstUrl(batch: readonly PackageRef[], type: string): string {
    const query = new URLSearchParams({
      ecosystem: 'npm',
      type,
      affects: batch.map((ref) => `${ref.name}@${ref.version}`).join(','),
      per_page: '100',
    });
    return `${this.#base}/advisories?${query.toString()}`;
  }

  async #query(batch: readonly PackageRef[], type: string): Promise<GithubAdvisoryRecord[]> {
    const records: GithubAdvisoryRecord[] = [];
    let url: string | undefined = this.#firstUrl(batch, type);
    for (let page = 1; url !== undefined; page++) {
      if (page > this.#maxPages) throw new UpstreamError('BAD_RESPONSE', SERVICE, `more than ${this.#maxPages} pages of advisories for one query`);
      const answer = await this.#http.getJson(url, { service: SERVICE, headers: this.#headers(), cacheTtlMs: this.#ttl });
      if (!Array.isArray(answer.body)) throw new UpstreamError('BAD_RESPONSE', SERVICE, 'GET /advisories did not answer a list of advisories');
      for (const item of answer.body) {
        const record = toGithubAdvisory(item);
        if (!record) throw new UpstreamError('BAD_RESPONSE', SERVICE, `GET /advisories answered an advisory without ghsa_id${isObject(item) ? '' : ' (not an object)'}`);
        records.push(record);
      }
      url = this.#sameOrigin(nextLink(answer.headers['link']));
    }
    return records;
  }

  /** Follows only links to the configured API: the token must not travel elsewhere. */
  #sameOrigin(next: string | undefined): string | undefined {
    if (next === undefined) return undefined;
    let target: URL;
    try {
      target = new URL(next, `${this.#base}/`);
    } catch {
      throw new UpstreamError('BAD_RESPONSE', SERVICE, 'the Link header names an unreadable next page');
    }
    if (target.origin !== new URL(this.#base).origin) throw new UpstreamError('BAD_RESPONSE', SERVICE, `the Link header points outside ${new URL(this.#base).origin}`);
    return target.toString();
  }

  #headers(): Record<string, string> {
    return {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
    };
  }

  #match(record: GithubAdvisoryRecord, batch: readonly PackageRef[], found: Map<string, Map<string, Advisory>>): void {
    if (record.withdrawnAt) return;
    for (const ref of batch) {
      const entries = record.vulnerabilities.filter((v) => v.ecosystem.toLowerCase() === 'npm' && v.name === ref.name);
      // A range GitHub leaves empty or that cannot be read keeps the match GitHub's own `affects` filter made.
      const affected = entries.some((v) => v.range === undefined || inGithubRange(ref.version, v.range) !== false);
      if (!affected) continue;
      const key = packageKey(ref);
      const advisories = found.get(key) ?? new Map<string, Advisory>();
      advisories.set(record.ghsaId, advisoryOfGithub(record, entries.map((v) => v.firstPatched)));
      found.set(key, advisories);
    }
  }
}

/** The advisory a GitHub record gives, for the packages whose first patched versions are `patched`. */
export function advisoryOfGithub(record: GithubAdvisoryRecord, patched: ReadonlyArray<string | undefined>): Advisory {
  const malware = record.type === 'malware';
  const score = record.cvssScore ?? (record.cvssVector ? cvss3BaseScore(record.cvssVector) : undefined);
  return {
    id: record.ghsaId,
    aliases: [...new Set([record.cveId, ...record.identifiers].filter((id): id is string => id !== undefined && id !== record.ghsaId))],
    source: 'github',
    summary: record.summary,
    severity: SEVERITY[record.severity.toLowerCase()] ?? (score !== undefined ? cvssSeverity(score) : malware ? 'critical' : 'unknown'),
    cvssScore: score,
    cvssVector: record.cvssVector ?? record.cvss4Vector,
    malware,
    fixedVersions: [...new Set(patched.filter((v): v is string => v !== undefined))].sort(compareForSort),
    url: record.htmlUrl ?? `https://github.com/advisories/${record.ghsaId}`,
    published: record.publishedAt,
    withdrawn: record.withdrawnAt,
  };
}
