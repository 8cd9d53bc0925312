import type { DependencyGraph, PackageNode } from '../model.js';
import { cleanText } from './text.js';

/** One package node and the graph it came from. */
export interface GraphNode {
  readonly graph: DependencyGraph;
  readonly node: PackageNode;
}

/** The package nodes (from one or more lockfiles) that become one SBOM component. */
export interface Artefact {
  /** Unique across the SBOM: the purl, or `<purl>#<n>` for the n-th distinct artefact under one purl. */
  readonly bomRef: string;
  readonly purl: string;
  readonly members: GraphNode[];
}

/**
 * Groups every package node of every graph into artefacts: nodes with the
 * same purl and the same integrity (or no integrity on one side) are one
 * component; the same purl with another integrity is another component whose
 * bom-ref gets `#2`, `#3`… in the sorted order of the integrities, so the
 * refs do not depend on the order lockfiles were read in.
 *
 * @param reserved bom-refs already taken (root, workspaces); a purl that
 *   collides with one is suffixed too.
 */
export function groupArtefacts(graphs: readonly DependencyGraph[], reserved: ReadonlySet<string>): Artefact[] {
  const byPurl = new Map<string, GraphNode[]>();
  for (const graph of graphs) {
    for (const node of graph.packages.values()) {
      const key = cleanText(node.purl || `${node.ecosystem}:${node.name}@${node.version}`);
      const list = byPurl.get(key);
      if (list) list.push({ graph, node });
      else byPurl.set(key, [{ graph, node }]);
    }
  }

  const used = new Set<string>(reserved);
  for (const purl of byPurl.keys()) used.add(purl);
  const takeRef = (purl: string, first: boolean): string => {
    if (first && !reserved.has(purl)) return purl;
    for (let n = 2; ; n++) {
      const ref = `${purl}#${n}`;
      if (!used.has(ref)) {
        used.add(ref);
        return ref;
      }
    }
  };

  const artefacts: Artefact[] = [];
  for (const [purl, members] of byPurl) {
    const integrities = members.length === 1 ? [] : distinctIntegrities(members);
    if (integrities.length <= 1) {
      artefacts.push({ bomRef: takeRef(purl, true), purl, members });
      continue;
    }
    const groups = new Map<string, GraphNode[]>(integrities.map((integrity) => [integrity, []]));
    const firstGroup = groups.get(integrities[0] as string) as GraphNode[];
    for (const member of members) {
      const integrity = member.node.integrity;
      (integrity ? (groups.get(integrity) as GraphNode[]) : firstGroup).push(member);
    }
    let first = true;
    for (const group of groups.values()) {
      artefacts.push({ bomRef: takeRef(purl, first), purl, members: group });
      first = false;
    }
  }
  return artefacts;
}

function distinctIntegrities(members: readonly GraphNode[]): string[] {
  const seen = new Set<string>();
  for (const { node } of members) if (node.integrity) seen.add(node.integrity);
  return [...seen].sort();
}
