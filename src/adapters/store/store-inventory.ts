import type { Exposure, Inventory, InventoryComponent, PackageQuery, RepositoryName, SnapshotSummary } from '../../core/ports.js';
import { packageIds, type ResolvedPackageIds } from './package-ids.js';
import type { SqlDatabase, SqlExecutor } from './sql.js';
import { EMBEDDED_VACUUM, vacuumWhenGrown, type VacuumThreshold } from './vacuum-when-grown.js';

/** Rows per INSERT of components: one statement per chunk of column arrays (`unnest`). */
const INSERT_CHUNK = 5000;

interface ExposureRow {
  repository: string;
  repository_id: number;
  ref: string;
  sha: string;
  ecosystem: string;
  name: string;
  version: string;
  direct: boolean;
  dev: boolean;
  path: string;
  lockfile: string;
}

export interface StoreInventoryOptions {
  /** When to vacuum after an ingest; default: {@link EMBEDDED_VACUUM} on the embedded engine, never on PostgreSQL (autovacuum does it). */
  readonly vacuum?: VacuumThreshold | undefined;
}

/** The inventory in the store's tables (see migrations.ts); the same SQL on both engines. */
export function storeInventory(db: SqlDatabase, options: StoreInventoryOptions = {}): Inventory {
  const packages = packageIds();
  const vacuum = options.vacuum ?? (db.engine === 'embedded' ? EMBEDDED_VACUUM : undefined);
  const inventory: Inventory = {
    async snapshotState(repository, ref) {
      const [row] = await db.query<{ sha: string; content_hash: string }>(
        `select s.sha, s.content_hash from snapshots s join repositories r on r.id = s.repository_id
         where r.owner = $1 and r.name = $2 and s.ref = $3`,
        [repository.owner, repository.name, ref],
      );
      return row ? { sha: row.sha, contentHash: row.content_hash } : undefined;
    },

    async writeSnapshot(snapshot) {
      let resolved: ResolvedPackageIds | undefined;
      const outcome = await db.transaction(async (tx) => {
        const repositoryId = await lockRepository(tx, snapshot.repository);
        const [current] = await tx.query<{ id: number; sha: string; content_hash: string }>(
          'select id, sha, content_hash from snapshots where repository_id = $1 and ref = $2',
          [repositoryId, snapshot.ref],
        );
        const scannedAt = snapshot.scannedAt.toISOString();
        if (current && current.content_hash === snapshot.contentHash) {
          if (current.sha === snapshot.sha) return 'unchanged';
          await tx.query('update snapshots set sha = $2, scanned_at = $3 where id = $1', [current.id, snapshot.sha, scannedAt]);
          return 'moved';
        }
        let snapshotId: number;
        if (current) {
          await tx.query('delete from components where snapshot_id = $1', [current.id]);
          await tx.query('update snapshots set sha = $2, scanned_at = $3, content_hash = $4 where id = $1', [current.id, snapshot.sha, scannedAt, snapshot.contentHash]);
          snapshotId = current.id;
        } else {
          const [inserted] = await tx.query<{ id: number }>(
            'insert into snapshots (repository_id, ref, sha, scanned_at, content_hash) values ($1, $2, $3, $4, $5) returning id',
            [repositoryId, snapshot.ref, snapshot.sha, scannedAt, snapshot.contentHash],
          );
          snapshotId = inserted?.id ?? 0;
        }
        const ids = await packages.resolve(tx, snapshot.components);
        resolved = ids;
        for (let start = 0; start < snapshot.components.length; start += INSERT_CHUNK) {
          await insertComponents(tx, snapshotId, snapshot.components.slice(start, start + INSERT_CHUNK), ids);
        }
        return 'written' as const;
      });
      resolved?.remember();
      if (outcome === 'written' && vacuum) await vacuumWhenGrown(db, vacuum);
      return outcome;
    },

    moveSnapshot: (repository, ref, contentHash, sha, at) =>
      db.transaction(async (tx) => {
        const repositoryId = await lockRepository(tx, repository);
        const [current] = await tx.query<{ id: number; sha: string; content_hash: string }>(
          'select id, sha, content_hash from snapshots where repository_id = $1 and ref = $2',
          [repositoryId, ref],
        );
        if (!current || current.content_hash !== contentHash) return 'stale';
        if (current.sha === sha) return 'unchanged';
        await tx.query('update snapshots set sha = $2, scanned_at = $3 where id = $1', [current.id, sha, at.toISOString()]);
        return 'moved';
      }),

    async recordDeployment(repository, environment, sha, at) {
      await db.transaction(async (tx) => {
        const repositoryId = await lockRepository(tx, repository);
        await tx.query(
          `insert into deployments (repository_id, environment, sha, deployed_at) values ($1, $2, $3, $4)
           on conflict (repository_id, environment) do update set sha = excluded.sha, deployed_at = excluded.deployed_at
           where deployments.deployed_at <= excluded.deployed_at`,
          [repositoryId, environment, sha, at.toISOString()],
        );
      });
    },

    async setAttributes(repository, attributes) {
      await db.transaction(async (tx) => {
        const repositoryId = await lockRepository(tx, repository);
        await tx.query(
          `update repositories set criticality = coalesce($2, criticality), data_sensitivity = coalesce($3, data_sensitivity),
           owners = coalesce($4::jsonb, owners) where id = $1`,
          [repositoryId, attributes.criticality ?? null, attributes.dataSensitivity ?? null, attributes.owners ? JSON.stringify(attributes.owners) : null],
        );
      });
    },

    async list() {
      const rows = await db.query<{ repository: string; ref: string; sha: string; scanned_at: Date | string; components: number; environments: string[] | string }>(
        `select r.owner || '/' || r.name as repository, s.ref, s.sha, s.scanned_at,
           (select count(*)::int from components c where c.snapshot_id = s.id) as components,
           ${ENVIRONMENTS} as environments
         from snapshots s join repositories r on r.id = s.repository_id
         order by r.owner, r.name, s.ref`,
      );
      return rows.map(
        (row): SnapshotSummary => ({
          repository: row.repository,
          ref: row.ref,
          sha: row.sha,
          scannedAt: new Date(row.scanned_at),
          components: row.components,
          environments: jsonArray(row.environments),
        }),
      );
    },

    async remove(repository, ref) {
      return db.transaction(async (tx) => {
        if (ref !== undefined) {
          const removed = await tx.query(
            'delete from snapshots s using repositories r where r.id = s.repository_id and r.owner = $1 and r.name = $2 and s.ref = $3 returning s.id',
            [repository.owner, repository.name, ref],
          );
          return removed.length;
        }
        const [count] = await tx.query<{ n: number }>(
          'select count(*)::int as n from snapshots s join repositories r on r.id = s.repository_id where r.owner = $1 and r.name = $2',
          [repository.owner, repository.name],
        );
        await tx.query('delete from repositories where owner = $1 and name = $2', [repository.owner, repository.name]);
        return count?.n ?? 0;
      });
    },

    async findExposures(queries, options = {}) {
      // Versions are matched once per distinct stored (name, version), in JS (semver), then the
      // matching package ids are looked up through the (package_id, snapshot_id) index.
      const ids: number[] = [];
      for (const [key, group] of groupByPackage(queries)) {
        const [ecosystem, name] = key;
        const packages = await db.query<{ id: number; version: string }>('select id, version from packages where ecosystem = $1 and name = $2', [ecosystem, name]);
        for (const p of packages) if (group.some((q) => q.matches(p.version))) ids.push(p.id);
      }
      if (ids.length === 0) return { exposures: [], total: 0 };
      const page = options.limit === undefined ? undefined : await firstSnapshots(db, ids, Math.max(1, Math.floor(options.limit)));
      const snapshotIds = page?.snapshotIds;
      const rows = await db.query<ExposureRow>(
        `select r.owner || '/' || r.name as repository, s.repository_id, s.ref, s.sha,
           p.ecosystem, p.name, p.version, c.direct, c.dev, c.path, c.lockfile
         from components c join packages p on p.id = c.package_id
           join snapshots s on s.id = c.snapshot_id join repositories r on r.id = s.repository_id
         where c.package_id = any($1::int[]) ${snapshotIds ? 'and c.snapshot_id = any($2::int[])' : ''}`,
        snapshotIds ? [ids, snapshotIds] : [ids],
      );
      const environments = await deployedEnvironments(db, [...new Set(rows.map((r) => r.repository_id))]);
      const exposures = rows.map(
        (row): Exposure => ({
          repository: row.repository,
          ref: row.ref,
          sha: row.sha,
          environments: environments.get(`${row.repository_id}\u0000${row.sha}`) ?? [],
          ecosystem: row.ecosystem,
          name: row.name,
          version: row.version,
          direct: row.direct,
          dev: row.dev,
          path: JSON.parse(row.path) as string[],
          lockfile: row.lockfile,
        }),
      );
      exposures.sort(compareExposures);
      return page ? { exposures: exposures.slice(0, options.limit), total: page.total } : { exposures, total: exposures.length };
    },
  };
  return inventory;
}

/**
 * For a page of exposures without building them all: the total is one
 * count over the package index; then the snapshots, in exposure order
 * (repository, ref), are probed in growing batches for their matching rows
 * until they hold `limit` rows. A package every repository has costs one
 * index count and one batch, not a count per snapshot of the whole store.
 * `snapshotIds` is undefined when the page is every exposure.
 */
async function firstSnapshots(db: SqlExecutor, packageIds: readonly number[], limit: number): Promise<{ snapshotIds: number[] | undefined; total: number }> {
  const [count] = await db.query<{ n: number }>('select count(*)::int as n from components where package_id = any($1::int[])', [packageIds]);
  const total = count?.n ?? 0;
  if (total <= limit) return { snapshotIds: undefined, total };
  // Ordered as compareExposures orders (the joined name, code units), not by the database's collation.
  const ordered = await db.query<{ id: number }>(
    `select s.id from snapshots s join repositories r on r.id = s.repository_id
     order by (r.owner || '/' || r.name) collate "C", s.ref collate "C"`,
  );
  const snapshotIds: number[] = [];
  let held = 0;
  // Each snapshot on the page holds at least one row: the first batch of `limit` is enough when the package is everywhere.
  for (let start = 0, size = limit; held < limit && start < ordered.length; start += size, size *= 4) {
    const batch = ordered.slice(start, start + size).map((s) => s.id);
    const counts = await db.query<{ snapshot_id: number; n: number }>(
      'select snapshot_id, count(*)::int as n from components where package_id = any($1::int[]) and snapshot_id = any($2::int[]) group by snapshot_id',
      [packageIds, batch],
    );
    const bySnapshot = new Map(counts.map((c) => [c.snapshot_id, c.n]));
    for (const id of batch) {
      const n = bySnapshot.get(id);
      if (n === undefined) continue;
      snapshotIds.push(id);
      held += n;
      if (held >= limit) break;
    }
  }
  return { snapshotIds, total };
}

/** Environment names by `repositoryId\0sha`, for the given repositories: one query, not one per exposure. */
async function deployedEnvironments(db: SqlExecutor, repositoryIds: readonly number[]): Promise<Map<string, string[]>> {
  const byKey = new Map<string, string[]>();
  if (repositoryIds.length === 0) return byKey;
  const rows = await db.query<{ repository_id: number; sha: string; environment: string }>(
    'select repository_id, sha, environment from deployments where repository_id = any($1::int[]) order by environment',
    [repositoryIds],
  );
  for (const row of rows) {
    const key = `${row.repository_id}\u0000${row.sha}`;
    const environments = byKey.get(key);
    if (environments) environments.push(row.environment);
    else byKey.set(key, [row.environment]);
  }
  return byKey;
}

const ENVIRONMENTS = `coalesce((select json_agg(d.environment order by d.environment) from deployments d
  where d.repository_id = s.repository_id and d.sha = s.sha), '[]'::json)`;

/**
 * Finds or creates the repository row and locks it for the rest of the
 * transaction, so two ingests of one repository run one after the other.
 * An existing row is only locked, not written.
 */
async function lockRepository(tx: SqlExecutor, repository: RepositoryName): Promise<number> {
  await tx.query('insert into repositories (owner, name) values ($1, $2) on conflict (owner, name) do nothing', [repository.owner, repository.name]);
  const [row] = await tx.query<{ id: number }>('select id from repositories where owner = $1 and name = $2 for update', [repository.owner, repository.name]);
  if (!row) throw new Error(`repository ${repository.owner}/${repository.name} vanished during the transaction`);
  return row.id;
}

/** Stores a chunk of a snapshot's rows: one narrow row per component referencing its package, the columns as arrays. */
async function insertComponents(tx: SqlExecutor, snapshotId: number, components: readonly InventoryComponent[], ids: ResolvedPackageIds): Promise<void> {
  const packageId: number[] = [];
  const direct: boolean[] = [];
  const dev: boolean[] = [];
  const workspaces: string[] = [];
  const path: string[] = [];
  const lockfile: string[] = [];
  for (const c of components) {
    packageId.push(ids.idOf(c));
    direct.push(c.direct);
    dev.push(c.dev);
    workspaces.push(JSON.stringify(c.workspaces));
    path.push(JSON.stringify(c.path));
    lockfile.push(c.lockfile);
  }
  await tx.query(
    `insert into components (snapshot_id, package_id, direct, dev, workspaces, path, lockfile)
     select $1, * from unnest($2::int[], $3::boolean[], $4::boolean[], $5::text[], $6::text[], $7::text[])`,
    [snapshotId, packageId, direct, dev, workspaces, path, lockfile],
  );
}

function groupByPackage(queries: readonly PackageQuery[]): Map<[string, string], PackageQuery[]> {
  const byKey = new Map<string, { key: [string, string]; queries: PackageQuery[] }>();
  for (const query of queries) {
    const id = `${query.ecosystem}\u0000${query.name}`;
    const entry = byKey.get(id) ?? { key: [query.ecosystem, query.name], queries: [] };
    entry.queries.push(query);
    byKey.set(id, entry);
  }
  return new Map([...byKey.values()].map((e) => [e.key, e.queries]));
}

function jsonArray(value: string[] | string): string[] {
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : value;
}

function compareExposures(a: Exposure, b: Exposure): number {
  return cmp(a.repository, b.repository) || cmp(a.ref, b.ref) || cmp(a.name, b.name) || cmp(a.version, b.version) || cmp(a.lockfile, b.lockfile) || cmp(a.path.join(' '), b.path.join(' '));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
