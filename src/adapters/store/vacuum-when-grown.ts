import type { SqlExecutor } from './sql.js';

export interface VacuumThreshold {
  /** Vacuum once at least this many of the components table's pages were written since the last vacuum... */
  readonly minPages: number;
  /** ...and they are at least this share of the table (autovacuum's insert scale factor). */
  readonly share: number;
}

/** About 150 snapshots of ~1,500 components: an embedded CLI store that never grows that much is never vacuumed. */
export const EMBEDDED_VACUUM: VacuumThreshold = { minPages: 8192, share: 0.2 };

/**
 * The embedded engine has no autovacuum: without it the planner has no
 * statistics and the visibility map stays empty, so counting a popular
 * package's rows (`scope --limit`) reads every one of them. After an ingest,
 * vacuums the inventory tables when the pages written since the last vacuum
 * pass the threshold, as autovacuum would on a PostgreSQL server.
 * @returns whether it vacuumed.
 */
export async function vacuumWhenGrown(db: SqlExecutor, threshold: VacuumThreshold): Promise<boolean> {
  const [table] = await db.query<{ pages: number; visible: number }>(
    `select (pg_relation_size(c.oid) / current_setting('block_size')::int)::int as pages, c.relallvisible as visible
     from pg_class c where c.oid = 'components'::regclass`,
  );
  if (!table) return false;
  const unvacuumed = table.pages - table.visible;
  if (unvacuumed < threshold.minPages || unvacuumed < table.pages * threshold.share) return false;
  await db.query('vacuum (analyze) components, packages, snapshots, repositories');
  return true;
}
