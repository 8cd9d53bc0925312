import { indexPaths, PATH_TAIL } from '../graph/paths.js';
import type { DependencyGraph, DependencyPath } from '../model.js';
import type { InventoryComponent } from '../ports.js';

/**
 * The inventory rows of a repository's graphs: one per package of each
 * lockfile, with the workspaces that reach it and one shortest path (like
 * `npm explain`, shortest over all workspaces).
 */
export function componentsOf(graphs: readonly DependencyGraph[]): InventoryComponent[] {
  const components: InventoryComponent[] = [];
  for (const graph of graphs) {
    const paths = indexPaths(graph);
    const label = (id: string) => {
      const node = graph.packages.get(id);
      return node ? `${node.name}@${node.version}` : id;
    };
    for (const node of graph.packages.values()) {
      const reaching = paths.pathsTo(node.id);
      const shortest = reaching.reduce<(typeof reaching)[number] | undefined>((best, p) => (!best || lengthOf(p) < lengthOf(best) ? p : best), undefined);
      components.push({
        ecosystem: node.ecosystem,
        name: node.name,
        version: node.version,
        purl: node.purl,
        direct: node.directIn.size > 0,
        dev: node.dev,
        workspaces: reaching.map((p) => p.workspace),
        path: shortest ? [shortest.workspace, ...shown(shortest, label)] : [label(node.id)],
        lockfile: graph.path,
      });
    }
  }
  return components;
}

/** A path's real length: a very long one keeps only its ends and counts what it left out. */
function lengthOf(path: DependencyPath): number {
  return path.packages.length + (path.omitted ?? 0);
}

/** The path's packages as `name@version`, with what a very long one left out said in its place. */
function shown(path: DependencyPath, label: (id: string) => string): string[] {
  const packages = path.packages.map(label);
  if (!path.omitted) return packages;
  const cut = Math.max(0, packages.length - PATH_TAIL);
  return [...packages.slice(0, cut), `… ${path.omitted} more …`, ...packages.slice(cut)];
}
