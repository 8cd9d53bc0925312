import semver from 'semver';
import { UpstreamError } from '../../core/errors.js';
import type { Advisory, PackageRef, Severity } from '../../core/facts.js';
import { packageKey, type AdvisorySource } from '../../core/ports.js';
import type { HttpClient } from '../http/index.js';
import { isMalware, toOsvRecord } from '../osv/index.js';
import { registryBase } from './registry-url.js';

/*
 * The contract relied on, from npm's own client (npm/cli
 * workspaces/arborist/lib/audit-report.js and npm/metavuln-calculator
 * lib/advisory.js):
 * - request: `POST /-/npm/v1/security/advisories/bulk` with a JSON body
 *   `{ "<name>": ["<version>", …] }`, every package of the tree in one request;
 * - answer: `{ "<name>": [ { id, url, title, severity, vulnerable_versions,
 *   cwe: ["CWE-…"], cvss: { score, vectorString } } ] }`; a missing severity
 *   means `high` and a missing range means `*`; a version is affected when
 *   `semver.satisfies(version, vulnerable_versions, { includePrerelease: true, loose: true })`.
 */

export interface NpmBulkAdvisoryOptions {
  readonly http: HttpClient;
  /** `https://registry.npmjs.org/` by default (npm's `audit-registry` / `registry`). */
  readonly registry?: string;
  /** For registries that need one; sent as `Authorization: Bearer`. */
  readonly token?: string | undefined;
  /** Most package versions per request (5,000). */
  readonly batchSize?: number;
}

const SERVICE = 'npm advisories';
export const NPM_BULK_BATCH_SIZE = 5000;
const SEVERITY: Readonly<Record<string, Severity>> = { critical: 'critical', high: 'high', moderate: 'moderate', low: 'low', info: 'low' };
const RANGE_OPTIONS = { includePrerelease: true, loose: true } as const;

interface BulkAdvisory {
  readonly id: string;
  readonly url: string | undefined;
  readonly title: string | undefined;
  readonly severity: string;
  readonly range: string;
  readonly cwe: readonly string[];
  readonly score: number | undefined;
  readonly vector: string | undefined;
}

/** npm's bulk advisory endpoint as a third advisory source (GitHub's advisories, as npm serves them). */
export class NpmBulkAdvisorySource implements AdvisorySource {
  readonly name = 'npm';
  readonly #http: HttpClient;
  readonly #url: string;
  readonly #token: string | undefined;
  readonly #batchSize: number;

  constructor(options: NpmBulkAdvisoryOptions) {
    this.#http = options.http;
    this.#url = `${registryBase(options.registry)}-/npm/v1/security/advisories/bulk`;
    this.#token = options.token;
    this.#batchSize = Math.max(1, options.batchSize ?? NPM_BULK_BATCH_SIZE);
  }

  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    const byName = new Map<string, Map<string, PackageRef>>();
    for (const ref of packages) {
      if (ref.ecosystem.toLowerCase() !== 'npm') continue;
      const versions = byName.get(ref.name) ?? new Map<string, PackageRef>();
      versions.set(ref.version, ref);
      byName.set(ref.name, versions);
    }
    const out = new Map<string, Advisory[]>();
    for (const batch of this.#batches(byName)) {
      const answer = await this.#post(batch);
      for (const [name, advisories] of answer) {
        for (const ref of byName.get(name)?.values() ?? []) {
          if (!batch[name]?.includes(ref.version)) continue;
          for (const advisory of advisories) {
            if (!affects(advisory.range, ref.version)) continue;
            const key = packageKey(ref);
            const list = out.get(key) ?? [];
            if (!list.some((a) => a.id === advisory.id)) list.push(toAdvisory(advisory));
            out.set(key, list);
          }
        }
      }
    }
    return out;
  }

  /** Request bodies of at most `batchSize` versions, in npm's shape. */
  #batches(byName: ReadonlyMap<string, ReadonlyMap<string, PackageRef>>): Array<Record<string, string[]>> {
    const batches: Array<Record<string, string[]>> = [];
    let current: Record<string, string[]> = {};
    let size = 0;
    for (const [name, versions] of byName) {
      for (const version of versions.keys()) {
        if (size === this.#batchSize) {
          batches.push(current);
          current = {};
          size = 0;
        }
        (current[name] ??= []).push(version);
        size++;
      }
    }
    if (size > 0) batches.push(current);
    return batches;
  }

  async #post(body: Record<string, string[]>): Promise<Map<string, BulkAdvisory[]>> {
    const answer = await this.#http.postJson(this.#url, body, {
      service: SERVICE,
      headers: this.#token ? { authorization: `Bearer ${this.#token}` } : {},
    });
    if (typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
      throw new UpstreamError('BAD_RESPONSE', SERVICE, 'the bulk advisory endpoint did not answer an object of packages');
    }
    const out = new Map<string, BulkAdvisory[]>();
    for (const [name, list] of Object.entries(answer.body as Record<string, unknown>)) {
      if (!Array.isArray(list)) throw new UpstreamError('BAD_RESPONSE', SERVICE, `the advisories of ${JSON.stringify(name.slice(0, 100))} are not a list`);
      out.set(
        name,
        list.map((item) => {
          const advisory = toBulkAdvisory(item);
          if (!advisory) throw new UpstreamError('BAD_RESPONSE', SERVICE, `an advisory of ${JSON.stringify(name.slice(0, 100))} has no id`);
          return advisory;
        }),
      );
    }
    return out;
  }
}

function toBulkAdvisory(value: unknown): BulkAdvisory | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const item = value as Record<string, unknown>;
  const id = typeof item['id'] === 'number' && Number.isFinite(item['id']) ? String(item['id']) : text(item['id']);
  if (!id) return undefined;
  const cvss = typeof item['cvss'] === 'object' && item['cvss'] !== null ? (item['cvss'] as Record<string, unknown>) : {};
  const score = cvss['score'];
  const cwe = item['cwe'];
  return {
    id,
    url: text(item['url']),
    title: text(item['title']),
    severity: text(item['severity']) ?? 'high',
    range: text(item['vulnerable_versions']) ?? '*',
    cwe: Array.isArray(cwe) ? cwe.filter((c): c is string => typeof c === 'string') : typeof cwe === 'string' ? [cwe] : [],
    score: typeof score === 'number' && score > 0 && score <= 10 ? score : undefined,
    vector: text(cvss['vectorString']),
  };
}

/** As npm audit decides it; a range semver cannot read keeps the registry's own match. */
function affects(range: string, version: string): boolean {
  if (semver.validRange(range, RANGE_OPTIONS) === null) return true;
  return semver.satisfies(version, range, RANGE_OPTIONS);
}

function toAdvisory(advisory: BulkAdvisory): Advisory {
  const ghsa = /\/advisories\/(GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})$/.exec(advisory.url ?? '')?.[1];
  const summary = advisory.title ?? `npm advisory ${advisory.id}`;
  const malware = isMalware(toOsvRecord({ id: advisory.id, summary, database_specific: { cwe_ids: advisory.cwe } })!);
  return {
    id: advisory.id,
    aliases: ghsa ? [ghsa] : [],
    source: 'npm',
    summary,
    severity: SEVERITY[advisory.severity.toLowerCase()] ?? 'unknown',
    cvssScore: advisory.score,
    cvssVector: advisory.vector,
    malware,
    // The bulk answer names no patched versions.
    fixedVersions: [],
    url: advisory.url,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
