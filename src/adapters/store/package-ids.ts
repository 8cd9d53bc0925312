import type { InventoryComponent } from '../../core/ports.js';
import type { SqlExecutor } from './sql.js';

/** Distinct packages remembered per open store; past it the oldest are forgotten (and looked up again when met). */
const MAX_REMEMBERED = 200_000;

type PackageKey = Pick<InventoryComponent, 'ecosystem' | 'name' | 'version' | 'purl'>;

/**
 * Ids of the store's shared `packages` rows, remembered across ingests. Most
 * of a snapshot's packages are already stored (every repository has
 * `debug`), so an ingest asks the database only about the ones it has not
 * seen. Packages are never deleted, so a remembered id stays right; ids
 * learnt in a transaction are remembered only once it has committed.
 */
export interface PackageIds {
  /** The id of every package in `components` (creating the missing ones) in `tx`; call `remember` after the commit. */
  resolve(tx: SqlExecutor, components: readonly PackageKey[]): Promise<ResolvedPackageIds>;
}

export interface ResolvedPackageIds {
  idOf(component: PackageKey): number;
  /** Keeps the ids learnt by this resolve for later ingests: only after its transaction committed. */
  remember(): void;
}

export function packageIds(): PackageIds {
  const known = new Map<string, number>();
  return {
    async resolve(tx, components) {
      // This ingest's ids, copied out: another ingest's `remember` may forget some of `known` meanwhile.
      const ids = new Map<string, number>();
      const learnt = new Map<string, number>();
      const missing = new Map<string, PackageKey>();
      for (const c of components) {
        const key = keyOf(c);
        const id = known.get(key);
        if (id !== undefined) ids.set(key, id);
        else missing.set(key, c);
      }
      if (missing.size > 0) {
        // Sorted, so concurrent ingests that add the same new packages take their locks in one order (no deadlock).
        const rows = [...missing.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
        const columns = [rows.map((c) => c.ecosystem), rows.map((c) => c.name), rows.map((c) => c.version), rows.map((c) => c.purl)];
        await tx.query(
          `insert into packages (ecosystem, name, version, purl)
           select e, n, v, p from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as t (e, n, v, p, o) order by o
           on conflict do nothing`,
          columns,
        );
        // A second statement: it sees the rows another ingest committed while the insert waited on them.
        const found = await tx.query<{ id: number; ecosystem: string; name: string; version: string; purl: string }>(
          `select p.id, p.ecosystem, p.name, p.version, p.purl
           from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t (e, n, v, p)
           join packages p on p.ecosystem = t.e and p.name = t.n and p.version = t.v and p.purl = t.p`,
          columns,
        );
        for (const row of found) {
          learnt.set(keyOf(row), row.id);
          ids.set(keyOf(row), row.id);
        }
      }
      return {
        idOf(component) {
          const id = ids.get(keyOf(component));
          if (id === undefined) throw new Error(`package ${component.purl} has no id in the store after it was inserted`);
          return id;
        },
        remember() {
          for (const [key, id] of learnt) known.set(key, id);
          forgetOldest(known);
        },
      };
    },
  };
}

function keyOf(c: PackageKey): string {
  return `${c.ecosystem}\u0000${c.name}\u0000${c.version}\u0000${c.purl}`;
}

function forgetOldest(known: Map<string, number>): void {
  if (known.size <= MAX_REMEMBERED) return;
  let excess = known.size - MAX_REMEMBERED;
  for (const key of known.keys()) {
    if (excess-- <= 0) break;
    known.delete(key);
  }
}
