import type { DependencyGraph, DependencyKind } from '../model.js';

// Which kinds of path reach a node, as bits: any path, a path with no dev
// edge, with no optional edge, with no peer edge.
const ANY = 1;
const WITHOUT_DEV = 2;
const WITHOUT_OPTIONAL = 4;
const WITHOUT_PEER = 8;
const ALL = ANY | WITHOUT_DEV | WITHOUT_OPTIONAL | WITHOUT_PEER;

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
  // Keyed by id, so that an edge to a node that already has the bits costs one lookup.
  const reached = new Map<string, number>();
  const stack: string[] = [];
  const offer = (id: string, bits: number): void => {
    const before = reached.get(id) ?? 0;
    const after = before | bits;
    if (after === before) return;
    reached.set(id, after);
    stack.push(id);
  };
  for (const workspace of graph.workspaces.values()) {
    for (const edge of workspace.dependencies) offer(edge.to, keeps(edge.kind));
  }
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    const node = graph.packages.get(id);
    if (!node) continue;
    const bits = reached.get(id)!;
    for (const edge of node.dependencies) offer(edge.to, bits & keeps(edge.kind));
  }
  for (const [id, bits] of reached) {
    const node = graph.packages.get(id);
    if (!node) continue;
    node.dev = (bits & WITHOUT_DEV) === 0;
    node.optional = (bits & WITHOUT_OPTIONAL) === 0;
    node.peer = (bits & WITHOUT_PEER) === 0;
  }
}

/** The bits a path keeps when it crosses an edge of this kind. */
function keeps(kind: DependencyKind): number {
  switch (kind) {
    case 'prod':
      return ALL;
    case 'dev':
      return ALL & ~WITHOUT_DEV;
    case 'optional':
      return ALL & ~WITHOUT_OPTIONAL;
    case 'peer':
      return ALL & ~WITHOUT_PEER;
  }
}
