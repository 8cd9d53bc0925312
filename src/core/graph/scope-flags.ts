import type { DependencyGraph, DependencyKind, PackageNode } from '../model.js';

// Which kinds of path reach a node, as bits: any path, a path with no dev
// edge, with no optional edge, with no peer edge.
const ANY = 1;
const WITHOUT_DEV = 2;
const WITHOUT_OPTIONAL = 4;
const WITHOUT_PEER = 8;
const ALL = ANY | WITHOUT_DEV | WITHOUT_OPTIONAL | WITHOUT_PEER;

const EDGE_KEEPS: Record<DependencyKind, number> = {
  prod: ALL,
  dev: ALL & ~WITHOUT_DEV,
  optional: ALL & ~WITHOUT_OPTIONAL,
  peer: ALL & ~WITHOUT_PEER,
};

/**
 * Sets `dev`, `optional` and `peer` on every package the workspaces reach,
 * the way npm does: a package is dev when only dev edges lead to it, optional
 * when every path crosses an optional edge, peer when every path crosses a
 * peer edge. Packages no workspace reaches keep their flags unset, since
 * nothing can be said about them.
 *
 * One propagation of path-kind bits: a node is revisited only when it gains a
 * bit, so each node is processed at most four times.
 */
export function computeScopeFlags(graph: DependencyGraph): void {
  if (graph.workspaces.size === 0) return;
  const reached = new Map<PackageNode, number>();
  const stack: PackageNode[] = [];
  const offer = (id: string, bits: number): void => {
    const node = graph.packages.get(id);
    if (!node) return;
    const before = reached.get(node) ?? 0;
    const after = before | bits;
    if (after === before) return;
    reached.set(node, after);
    stack.push(node);
  };
  for (const workspace of graph.workspaces.values()) {
    for (const edge of workspace.dependencies) offer(edge.to, EDGE_KEEPS[edge.kind]);
  }
  for (let node = stack.pop(); node; node = stack.pop()) {
    const bits = reached.get(node)!;
    for (const edge of node.dependencies) offer(edge.to, bits & EDGE_KEEPS[edge.kind]);
  }
  for (const [node, bits] of reached) {
    node.dev = (bits & WITHOUT_DEV) === 0;
    node.optional = (bits & WITHOUT_OPTIONAL) === 0;
    node.peer = (bits & WITHOUT_PEER) === 0;
  }
}
