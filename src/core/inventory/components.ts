import { indexPaths } from '../graph/paths.js';
import type { DependencyGraph } from '../model.js';
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
      const shortest = reaching.reduce<(typeof reaching)[number] | undefined>((best, p) => (!best || p.packages.length < best.packages.length ? p : best), undefined);
      components.push({
        ecosystem: node.ecosystem,
        name: node.name,
        version: node.version,
        purl: node.purl,
        direct: node.directIn.size > 0,
        dev: node.dev,
        workspaces: reaching.map((p) => p.workspace),
        path: shortest ? [shortest.workspace, ...shortest.packages.map(label)] : [label(node.id)],
        lockfile: graph.path,
      });
    }
  }
  return components;
}
