import type { DependencyGraph } from '../model.js';
import type { Change, DiffResult, DiffSummary } from './change.js';
import { diffGraphs } from './diff-graphs.js';

/**
 * Diffs every lockfile of a base tree against the head tree. Lockfiles pair by
 * path; a lockfile that only one side has pairs with the single unpaired
 * lockfile of the other side in the same directory (a switch of package
 * manager reads as version changes, not as everything removed and re-added).
 */
export function diffRepositories(base: readonly DependencyGraph[], head: readonly DependencyGraph[]): DiffResult {
  const changes: Change[] = [];
  for (const [baseGraph, headGraph] of pairLockfiles(base, head)) changes.push(...diffGraphs(baseGraph, headGraph));
  changes.sort(compareChanges);
  return { changes, summary: summarise(changes) };
}

type Pair = [DependencyGraph | undefined, DependencyGraph | undefined];

function pairLockfiles(base: readonly DependencyGraph[], head: readonly DependencyGraph[]): Pair[] {
  const headByPath = new Map(head.map((g) => [g.path, g]));
  const pairs: Pair[] = [];
  const unpairedBase: DependencyGraph[] = [];
  for (const graph of base) {
    const match = headByPath.get(graph.path);
    if (match) {
      pairs.push([graph, match]);
      headByPath.delete(graph.path);
    } else {
      unpairedBase.push(graph);
    }
  }
  const unpairedHead = [...headByPath.values()];
  for (const graph of unpairedBase) {
    const sameDir = unpairedHead.filter((h) => directoryOf(h.path) === directoryOf(graph.path));
    const sameDirBase = unpairedBase.filter((b) => directoryOf(b.path) === directoryOf(graph.path));
    if (sameDir.length === 1 && sameDirBase.length === 1) {
      pairs.push([graph, sameDir[0]]);
      unpairedHead.splice(unpairedHead.indexOf(sameDir[0]!), 1);
    } else {
      pairs.push([graph, undefined]);
    }
  }
  for (const graph of unpairedHead) pairs.push([undefined, graph]);
  return pairs;
}

function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

const TYPE_ORDER = { changed: 0, added: 1, upgraded: 2, downgraded: 3, removed: 4 } as const;

function compareChanges(a: Change, b: Change): number {
  return (
    a.lockfile.localeCompare(b.lockfile) ||
    TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
    a.name.localeCompare(b.name) ||
    (a.to ?? a.from ?? '').localeCompare(b.to ?? b.from ?? '')
  );
}

/** Counts of each change type, and of direct and transitive changes. */
export function summarise(changes: readonly Change[]): DiffSummary {
  const count = (type: Change['type']): number => changes.filter((c) => c.type === type).length;
  const direct = changes.filter((c) => c.direct).length;
  return {
    added: count('added'),
    removed: count('removed'),
    upgraded: count('upgraded'),
    downgraded: count('downgraded'),
    changed: count('changed'),
    direct,
    transitive: changes.length - direct,
  };
}
