import type { DependencyGraph, DependencyPath } from '../model.js';

/**
 * The shortest path(s) from a workspace's direct dependency to each package,
 * like `npm explain`: for every workspace that reaches a package, one shortest
 * path. Computed once per graph with a breadth-first walk from each workspace.
 */
export function shortestPaths(graph: DependencyGraph, maxPerPackage = 5): Map<string, DependencyPath[]> {
  const result = new Map<string, DependencyPath[]>();
  const workspaces = [...graph.workspaces.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const workspace of workspaces) {
    const parent = new Map<string, string | null>();
    let frontier: string[] = [];
    for (const edge of workspace.dependencies) {
      if (!parent.has(edge.to) && graph.packages.has(edge.to)) {
        parent.set(edge.to, null);
        frontier.push(edge.to);
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
    for (const id of parent.keys()) {
      const paths = result.get(id) ?? [];
      if (paths.length >= maxPerPackage) continue;
      paths.push({ workspace: workspace.id, packages: unwind(parent, id) });
      result.set(id, paths);
    }
  }
  return result;
}

function unwind(parent: Map<string, string | null>, id: string): string[] {
  const chain: string[] = [];
  for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.push(at);
  return chain.reverse();
}
