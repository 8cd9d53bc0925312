import type { DependencyGraph, DependencyPath } from '../model.js';

/** Answers "why is this package here" for any package of one graph. */
export interface PathIndex {
  /** One shortest path per workspace that reaches the package (at most `max`), workspaces in id order. */
  pathsTo(packageId: string, max?: number): DependencyPath[];
}

/**
 * Indexes the shortest paths from each workspace's direct dependencies to
 * every package it reaches, like `npm explain`: one breadth-first walk per
 * workspace up front, then each path is read back only when asked for.
 */
export function indexPaths(graph: DependencyGraph): PathIndex {
  const walks = [...graph.workspaces.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((workspace) => ({ workspace: workspace.id, parent: walkFrom(graph, workspace.dependencies.map((e) => e.to)) }));
  return {
    pathsTo(packageId, max = Number.POSITIVE_INFINITY) {
      const paths: DependencyPath[] = [];
      for (const { workspace, parent } of walks) {
        if (paths.length >= max) break;
        if (parent.has(packageId)) paths.push({ workspace, packages: unwind(parent, packageId) });
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

/** Breadth-first walk; maps each reached package id to the id it was first reached from (`null` for a start). */
function walkFrom(graph: DependencyGraph, starts: readonly string[]): Map<string, string | null> {
  const parent = new Map<string, string | null>();
  let frontier: string[] = [];
  for (const id of starts) {
    if (!parent.has(id) && graph.packages.has(id)) {
      parent.set(id, null);
      frontier.push(id);
    }
  }
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.packages.get(id)?.dependencies ?? []) {
        if (parent.has(edge.to) || !graph.packages.has(edge.to)) continue;
        parent.set(edge.to, id);
        next.push(edge.to);
      }
    }
    frontier = next;
  }
  return parent;
}

function unwind(parent: Map<string, string | null>, id: string): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.push(at);
  return chain.reverse();
}
