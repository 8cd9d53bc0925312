import type { OverrideRecord, Overrides } from '../../core/ports.js';
import type { SqlDatabase } from './sql.js';

interface OverrideRow {
  repository: string;
  pull_request: number;
  comment_id: string | number;
  package_name: string;
  version: string;
  actor: string;
  decision: 'allowed' | 'refused';
  reason: string;
  recorded_at: Date | string;
}

/** Maintainer overrides in the store's `pr_overrides` table (migration 4): the audit record of each request. */
export function storeOverrides(db: SqlDatabase): Overrides {
  return {
    recordOverride: (record) => recordOverride(db, record),
    async recordsFor(repository, pullRequest) {
      const rows = await db.query<OverrideRow>(
        `select repository, pull_request, comment_id, package_name, version, actor, decision, reason, recorded_at
         from pr_overrides where repository = $1 and pull_request = $2 order by recorded_at, id`,
        [repository, pullRequest],
      );
      return rows.map(fromRow);
    },
  };
}

/**
 * Records who asked to allow which package@version in which pull request,
 * when, why, and whether it was granted; once per comment.
 * @returns `false` when this comment was recorded before.
 */
export async function recordOverride(db: SqlDatabase, record: OverrideRecord): Promise<boolean> {
  const inserted = await db.query(
    `insert into pr_overrides (repository, pull_request, comment_id, package_name, version, actor, decision, reason, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) on conflict (repository, comment_id) do nothing returning id`,
    [record.repository, record.pullRequest, record.commentId, record.packageName, record.version, record.actor, record.decision, record.reason, record.at.toISOString()],
  );
  return inserted.length > 0;
}

function fromRow(row: OverrideRow): OverrideRecord {
  return {
    repository: row.repository,
    pullRequest: row.pull_request,
    commentId: Number(row.comment_id),
    packageName: row.package_name,
    version: row.version,
    actor: row.actor,
    decision: row.decision,
    reason: row.reason,
    at: new Date(row.recorded_at),
  };
}
