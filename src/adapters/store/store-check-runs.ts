import type { CheckRunLedger } from '../../core/ports.js';
import type { SqlDatabase } from './sql.js';

/** The check run created per (repository, head SHA), in the store's `check_runs` table (migration 4). */
export function storeCheckRuns(db: SqlDatabase): CheckRunLedger {
  return {
    async find(repository, headSha) {
      const [row] = await db.query<{ run_id: string | number | null }>('select run_id from check_runs where repository = $1 and head_sha = $2', [repository, headSha]);
      if (!row) return undefined;
      return row.run_id === null ? null : Number(row.run_id);
    },
    async reserve(repository, headSha) {
      await db.query('insert into check_runs (repository, head_sha) values ($1, $2) on conflict do nothing', [repository, headSha]);
    },
    async remember(repository, headSha, runId) {
      await db.query(
        'insert into check_runs (repository, head_sha, run_id) values ($1, $2, $3) on conflict (repository, head_sha) do update set run_id = excluded.run_id',
        [repository, headSha, runId],
      );
    },
  };
}
