import type { DependencyGraph, DependencyPath } from '../model.js';

/** Answers "why is this package here" for any package of one graph. */
export interface PathIndex {
  /** One shortest path per workspace that reaches the package (at most `max`), workspaces in id order. */
  pathsTo(packageId: string, max?: number): DependencyPath[];
}

/**
 * A path longer than this keeps its first {@link PATH_HEAD} and last
 * {@link PATH_TAIL} packages and says how many it left out: a hostile
 * lockfile can chain 100,000 packages, and every change would otherwise
 * carry (and every report print) a path that long — quadratic in total.
 */
export const PATH_HEAD = 8;
export const PATH_TAIL = 8;

/** What one breadth-first walk from a workspace knows about each package it reached. */
interface Walk {
  readonly workspace: string;
  /** The package each one was first reached from (`null` for a direct dependency). */
  readonly parent: Map<string, string | null>;
  /** 0 for a direct dependency. */
  readonly depth: Map<string, number>;
  /**
   * For a package deeper than the head of a shortened path, the last package
   * of that head: shared down the whole chain, so reading back a long path's
   * head costs {@link PATH_HEAD} steps, not its depth.
   */
  readonly headEnd: Map<string, string>;
}

/**
 * Indexes the shortest paths from each workspace's direct dependencies to
 * every package it reaches, like `npm explain`: one breadth-first walk per
 * workspace up front, then each path is read back only when asked for, in
 * at most {@link PATH_HEAD} + {@link PATH_TAIL} steps however deep it is.
 */
export function indexPaths(graph: DependencyGraph): PathIndex {
  const walks = [...graph.workspaces.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((workspace) => walkFrom(graph, workspace.id, workspace.dependencies.map((e) => e.to)));
  return {
    pathsTo(packageId, max = Number.POSITIVE_INFINITY) {
      const paths: DependencyPath[] = [];
      for (const walk of walks) {
        if (paths.length >= max) break;
        if (walk.parent.has(packageId)) paths.push(readPath(walk, packageId));
      }
      return paths;
    },
  };
}

/** Convenience for callers that want every package's paths at once. */
export function shortestPaths(graph: DependencyGraph, maxPerPackage = 5): Map<string, DependencyPath[]> {
  const index = indexPaths(graph);
  const result = new Map<string, DependencyPath[]>();
  for (const id of graph.packages.keys()) {
    const paths = index.pathsTo(id, maxPerPackage);
    if (paths.length > 0) result.set(id, paths);
  }
  return result;
}

function walkFrom(graph: DependencyGraph, workspace: string, starts: readonly string[]): Walk {
  const walk: Walk = { workspace, parent: new Map(), depth: new Map(), headEnd: new Map() };
  let frontier: string[] = [];
  for (const id of starts) {
    if (!walk.parent.has(id) && graph.packages.has(id)) {
      reach(walk, id, null, 0);
      frontier.push(id);
    }
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.packages.get(id)?.dependencies ?? []) {
        if (walk.parent.has(edge.to) || !graph.packages.has(edge.to)) continue;
        reach(walk, edge.to, id, depth);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return walk;
}

function reach(walk: Walk, id: string, parent: string | null, depth: number): void {
  walk.parent.set(id, parent);
  walk.depth.set(id, depth);
  if (parent === null || depth < PATH_HEAD) return;
  walk.headEnd.set(id, depth === PATH_HEAD ? parent : (walk.headEnd.get(parent) as string));
}

function readPath(walk: Walk, id: string): DependencyPath {
  const length = (walk.depth.get(id) as number) + 1;
  if (length <= PATH_HEAD + PATH_TAIL) return { workspace: walk.workspace, packages: climb(walk.parent, id, length) };
  const head = climb(walk.parent, walk.headEnd.get(id) as string, PATH_HEAD);
  const tail = climb(walk.parent, id, PATH_TAIL);
  return { workspace: walk.workspace, packages: [...head, ...tail], omitted: length - PATH_HEAD - PATH_TAIL };
}

/** The last `count` packages of the path to `id`, top down. */
function climb(parent: Map<string, string | null>, id: string, count: number): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = id; at && chain.length < count; at = parent.get(at)) chain.push(at);
  return chain.reverse();
}
