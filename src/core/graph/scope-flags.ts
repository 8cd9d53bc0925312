import type { DependencyGraph, DependencyKind, PackageNode } from '../model.js';

/**
 * Sets `dev`, `optional` and `peer` on every package the workspaces reach,
 * the way npm does: a package is dev when only dev edges lead to it, optional
 * when every path crosses an optional edge, peer when every path crosses a
 * peer edge. Packages no workspace reaches keep their flags unset, since
 * nothing can be said about them.
 */
export function computeScopeFlags(graph: DependencyGraph): void {
  if (graph.workspaces.size === 0) return;
  const any = reach(graph, () => true);
  const nonDev = reach(graph, (kind) => kind !== 'dev');
  const nonOptional = reach(graph, (kind) => kind !== 'optional');
  const nonPeer = reach(graph, (kind) => kind !== 'peer');
  for (const node of graph.packages.values()) {
    if (!any.has(node)) continue;
    node.dev = !nonDev.has(node);
    node.optional = !nonOptional.has(node);
    node.peer = !nonPeer.has(node);
  }
}

function reach(graph: DependencyGraph, follows: (kind: DependencyKind) => boolean): Set<PackageNode> {
  const seen = new Set<PackageNode>();
  const stack: PackageNode[] = [];
  const visit = (id: string): void => {
    const node = graph.packages.get(id);
    if (node && !seen.has(node)) {
      seen.add(node);
      stack.push(node);
    }
  };
  for (const workspace of graph.workspaces.values()) {
    for (const edge of workspace.dependencies) if (follows(edge.kind)) visit(edge.to);
  }
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const edge of node.dependencies) if (follows(edge.kind)) visit(edge.to);
  }
  return seen;
}
