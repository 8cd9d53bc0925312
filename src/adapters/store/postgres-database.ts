import pg from 'pg';
import { StoreError } from '../../core/errors.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';

export interface PostgresOptions {
  /** `postgresql://user:password@host:port/database`. */
  readonly url: string;
  /** Tables live in this schema (created if missing) instead of `public`: tests and benches use their own. */
  readonly schema?: string | undefined;
  readonly maxConnections?: number | undefined;
}

/**
 * The shared engine: a PostgreSQL server through `pg`. Many processes (App
 * replicas, CLI commands) may use one database at once.
 * @throws {StoreError} UNREACHABLE naming the host when the server cannot be reached or refuses the login.
 */
export async function openPostgresDatabase(options: PostgresOptions): Promise<SqlDatabase> {
  const location = describeUrl(options.url);
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new StoreError('FAILED', location, `schema name ${JSON.stringify(options.schema)} is not a plain lower-case identifier`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    // JIT compiles a query the planner thinks costly (a scope over a large inventory) for 100–200 ms: more than the query.
    options: ['-c jit=off', ...(options.schema ? [`-c search_path=${options.schema}`] : [])].join(' '),
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      if (options.schema) await client.query(`create schema if not exists ${options.schema}`);
    } finally {
      client.release();
    }
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw unreachable(location, cause);
  }
  const executor = (target: pg.Pool | pg.PoolClient): SqlExecutor => ({
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await target.query(text, params ? [...params] : undefined)).rows as Row[];
    },
    async script<Row>(text: string) {
      // Without parameters pg uses the simple protocol: one result per statement.
      const results = (await target.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(results) ? (results.at(-1)?.rows ?? []) : results.rows) as Row[];
    },
  });
  return {
    engine: 'postgres',
    location,
    ...executor(pool),
    async transaction(work) {
      const client = await pool.connect().catch((cause: unknown) => {
        throw unreachable(location, cause);
      });
      try {
        await client.query('begin');
        const result = await work(executor(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function unreachable(location: string, cause: unknown): StoreError {
  const code = (cause as { code?: string } | undefined)?.code;
  const reason = cause instanceof Error ? cause.message || code || cause.name : String(cause);
  return new StoreError('UNREACHABLE', location, `cannot connect (${reason}); check DATABASE_URL and that the server is running`, { cause });
}

/** `PostgreSQL at host:port/database` — the password never appears in a message. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}
