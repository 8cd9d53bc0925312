import { indexPaths, type PathIndex } from '../graph/paths.js';
import type { DependencyGraph, PackageNode } from '../model.js';
import type { Change, ChangeType } from './change.js';
import { compareVersions } from './compare-versions.js';
import { pairVersions } from './pair-versions.js';

const MAX_PATHS_PER_CHANGE = 5;

/**
 * Compares one lockfile's base graph with its head graph. Either side may be
 * missing (a lockfile added or deleted): then everything is added or removed.
 */
export function diffGraphs(base: DependencyGraph | undefined, head: DependencyGraph | undefined): Change[] {
  const baseIndex = indexByName(base);
  const headIndex = indexByName(head);
  const context = { base: lazyPaths(base), head: lazyPaths(head) };
  const changes: Change[] = [];
  const names = new Set([...baseIndex.keys(), ...headIndex.keys()]);
  for (const key of names) {
    const baseVersions = baseIndex.get(key) ?? NO_VERSIONS;
    const headVersions = headIndex.get(key) ?? NO_VERSIONS;
    for (const [version, headNodes] of headVersions) {
      const baseNodes = baseVersions.get(version);
      if (!baseNodes || sameSingleArtefact(baseNodes, headNodes)) continue;
      const fields = artefactDifferences(baseNodes, headNodes);
      if (fields.length > 0) changes.push(makeChange('changed', baseNodes[0], headNodes[0], context, head!, fields));
    }
    if (sameVersionSet(baseVersions, headVersions)) continue;
    const removed = [...baseVersions.keys()].filter((v) => !headVersions.has(v));
    const added = [...headVersions.keys()].filter((v) => !baseVersions.has(v));
    for (const pair of pairVersions(removed, added)) {
      const from = pair.from === undefined ? undefined : baseVersions.get(pair.from)?.[0];
      const to = pair.to === undefined ? undefined : headVersions.get(pair.to)?.[0];
      const type: ChangeType = !from ? 'added' : !to ? 'removed' : compareVersions(from.version, to.version) < 0 ? 'upgraded' : 'downgraded';
      changes.push(makeChange(type, from, to, context, (to ? head : base)!));
    }
  }
  return changes;
}

const NO_VERSIONS: ReadonlyMap<string, PackageNode[]> = new Map();
const NO_PATHS: PathIndex = { pathsTo: () => [] };

type LazyPaths = () => PathIndex;

function lazyPaths(graph: DependencyGraph | undefined): LazyPaths {
  let cached: PathIndex | undefined;
  return () => (cached ??= graph ? indexPaths(graph) : NO_PATHS);
}

function sameVersionSet(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const version of a.keys()) if (!b.has(version)) return false;
  return true;
}

/** The common case, decided without allocating: one artefact each side, recorded the same way. */
function sameSingleArtefact(baseNodes: PackageNode[], headNodes: PackageNode[]): boolean {
  if (baseNodes.length !== 1 || headNodes.length !== 1) return false;
  const [a, b] = [baseNodes[0]!, headNodes[0]!];
  return a.integrity === b.integrity && a.resolved === b.resolved && a.source === b.source;
}

function indexByName(graph: DependencyGraph | undefined): Map<string, Map<string, PackageNode[]>> {
  const index = new Map<string, Map<string, PackageNode[]>>();
  for (const node of graph?.packages.values() ?? []) {
    const key = `${node.ecosystem}\u0000${node.name}`;
    let versions = index.get(key);
    if (!versions) index.set(key, (versions = new Map()));
    const nodes = versions.get(node.version);
    if (nodes) nodes.push(node);
    else versions.set(node.version, [node]);
  }
  return index;
}

/** What makes the head's artefacts for one version differ from the base's; only fields both sides record count. */
function artefactDifferences(baseNodes: PackageNode[], headNodes: PackageNode[]): ('integrity' | 'resolved' | 'source')[] {
  const fields: ('integrity' | 'resolved' | 'source')[] = [];
  const differs = (pick: (n: PackageNode) => string | undefined): boolean => {
    const baseValues = new Set(baseNodes.map(pick));
    return headNodes.some((h) => {
      const value = pick(h);
      return value !== undefined && !baseValues.has(value) && !baseValues.has(undefined);
    });
  };
  if (differs((n) => n.integrity)) fields.push('integrity');
  if (differs((n) => n.resolved)) fields.push('resolved');
  if (differs((n) => n.source)) fields.push('source');
  return fields;
}

function makeChange(
  type: ChangeType,
  from: PackageNode | undefined,
  to: PackageNode | undefined,
  context: { base: LazyPaths; head: LazyPaths },
  graph: DependencyGraph,
  changedFields?: ('integrity' | 'resolved' | 'source')[],
): Change {
  const node = (to ?? from)!;
  const paths = (to ? context.head() : context.base()).pathsTo(node.id);
  return {
    type,
    ecosystem: node.ecosystem,
    name: node.name,
    from: from?.version,
    to: to?.version,
    lockfile: graph.path,
    purl: node.purl,
    direct: node.directIn.size > 0,
    workspaces: [...new Set(paths.map((p) => p.workspace))].sort(),
    paths: paths.slice(0, MAX_PATHS_PER_CHANGE),
    changedFields,
    dev: node.dev,
    baseNode: from,
    headNode: to,
  };
}
