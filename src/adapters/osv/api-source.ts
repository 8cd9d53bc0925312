import { UpstreamError } from '../../core/errors.js';
import type { Advisory, PackageRef } from '../../core/facts.js';
import { packageKey, type AdvisorySource } from '../../core/ports.js';
import type { HttpClient } from '../http/index.js';
import { osvEcosystemOf } from './ecosystems.js';
import { toAdvisory } from './normalise.js';
import { isObject, toOsvRecord, type OsvRecord } from './record.js';

export interface OsvApiOptions {
  readonly http: HttpClient;
  /** Default https://api.osv.dev */
  readonly baseUrl?: string;
  /** How long a fetched vulnerability record is cached (1 hour). Batch queries are never cached. */
  readonly recordTtlMs?: number;
  /**
   * Most page follow-ups per query (20). A package whose pages run past it is an
   * UpstreamError: the advisories on the pages never read might be the one that matters.
   */
  readonly maxPages?: number;
}

const SERVICE = 'osv';
/** OSV answers at most 1000 queries per querybatch call. */
export const OSV_BATCH_SIZE = 1000;

interface Query {
  readonly ref: PackageRef;
  readonly ecosystem: string;
  pageToken?: string;
  pages: number;
}

/**
 * The live OSV API: `POST /v1/querybatch` (ids only, ≤ 1000 queries per call,
 * follow-ups only for queries that returned `next_page_token`), then
 * `GET /v1/vulns/{id}` once per distinct id.
 */
export class OsvApiSource implements AdvisorySource {
  readonly name = 'osv';
  readonly #http: HttpClient;
  readonly #base: string;
  readonly #ttl: number;
  readonly #maxPages: number;

  constructor(options: OsvApiOptions) {
    this.#http = options.http;
    this.#base = (options.baseUrl ?? 'https://api.osv.dev').replace(/\/+$/, '');
    this.#ttl = options.recordTtlMs ?? 60 * 60 * 1000;
    this.#maxPages = options.maxPages ?? 20;
  }

  async advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>> {
    const queries = new Map<string, Query>();
    for (const ref of packages) {
      const ecosystem = osvEcosystemOf(ref.ecosystem);
      const key = packageKey(ref);
      if (ecosystem && !queries.has(key)) queries.set(key, { ref, ecosystem, pages: 0 });
    }
    const idsByKey = await this.#queryAll([...queries.entries()]);
    const distinct = [...new Set([...idsByKey.values()].flatMap((ids) => [...ids]))];
    const records = new Map<string, OsvRecord>();
    await Promise.all(
      distinct.map(async (id) => {
        const record = await this.#fetchRecord(id);
        if (record) records.set(id, record);
      }),
    );

    const out = new Map<string, readonly Advisory[]>();
    for (const [key, ids] of idsByKey) {
      const ref = queries.get(key)?.ref;
      if (!ref) continue;
      const advisories = [...ids]
        .map((id) => records.get(id))
        .filter((record): record is OsvRecord => record !== undefined && !record.withdrawn)
        .map((record) => toAdvisory(record, ref.ecosystem.toLowerCase(), ref.name));
      if (advisories.length > 0) out.set(key, advisories);
    }
    return out;
  }

  async #queryAll(all: Array<[string, Query]>): Promise<Map<string, Set<string>>> {
    const ids = new Map<string, Set<string>>();
    let pending = all;
    while (pending.length > 0) {
      const next: Array<[string, Query]> = [];
      for (let start = 0; start < pending.length; start += OSV_BATCH_SIZE) {
        const batch = pending.slice(start, start + OSV_BATCH_SIZE);
        const results = await this.#queryBatch(batch.map(([, query]) => query));
        batch.forEach(([key, query], index) => {
          const result = results[index];
          const found = ids.get(key) ?? new Set<string>();
          for (const id of result?.ids ?? []) found.add(id);
          ids.set(key, found);
          if (result?.nextPageToken) {
            if (query.pages >= this.#maxPages) {
              throw new UpstreamError('BAD_RESPONSE', SERVICE, `${query.ref.name}@${query.ref.version} has more than ${this.#maxPages + 1} pages of results; the rest were not read`);
            }
            query.pageToken = result.nextPageToken;
            query.pages++;
            next.push([key, query]);
          }
        });
      }
      pending = next;
    }
    return ids;
  }

  async #queryBatch(queries: readonly Query[]): Promise<Array<{ ids: string[]; nextPageToken?: string }>> {
    const body = {
      queries: queries.map((q) => ({
        package: { ecosystem: q.ecosystem, name: q.ref.name },
        version: q.ref.version,
        ...(q.pageToken ? { page_token: q.pageToken } : {}),
      })),
    };
    const answer = await this.#http.postJson(`${this.#base}/v1/querybatch`, body, { service: SERVICE });
    const results = isObject(answer.body) ? answer.body['results'] : undefined;
    if (!Array.isArray(results) || results.length !== queries.length) {
      throw new UpstreamError('BAD_RESPONSE', SERVICE, `querybatch answered ${Array.isArray(results) ? results.length : 'no'} results for ${queries.length} queries`);
    }
    return results.map((result, index) => {
      if (!isObject(result)) throw new UpstreamError('BAD_RESPONSE', SERVICE, `querybatch result ${index} is not an object`);
      const vulns = Array.isArray(result['vulns']) ? result['vulns'] : [];
      const ids = vulns.map((v) => (isObject(v) && typeof v['id'] === 'string' ? v['id'] : undefined)).filter((id): id is string => id !== undefined);
      const token = result['next_page_token'];
      return typeof token === 'string' && token !== '' ? { ids, nextPageToken: token } : { ids };
    });
  }

  async #fetchRecord(id: string): Promise<OsvRecord | undefined> {
    const answer = await this.#http.getJson(`${this.#base}/v1/vulns/${encodeURIComponent(id)}`, {
      service: SERVICE,
      cacheTtlMs: this.#ttl,
      acceptStatus: [404],
    });
    // An id that vanished between the batch and the lookup (withdrawn, renamed) is not an error.
    if (answer.status === 404) return undefined;
    const record = toOsvRecord(answer.body);
    if (!record || record.id !== id) throw new UpstreamError('BAD_RESPONSE', SERVICE, `GET /v1/vulns/${id} did not answer that record`);
    return record;
  }
}
