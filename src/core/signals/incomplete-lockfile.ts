import type { Change } from '../diff/change.js';
import type { Finding, GraphSignalInput, Signal } from '../findings.js';
import type { DependencyGraph, GraphWarning } from '../model.js';
import { makeFinding } from './finding.js';

/**
 * A head lockfile that does not describe everything it installs: a
 * dependency with no entry, a manifest dependency missing from the lock, a
 * link to a folder it does not describe (out-of-sync or hand-trimmed
 * files). The graph holds what is there; what is missing was never judged,
 * so the policy decides (default: warn). Only gaps the base's lockfile of
 * the same path does not already have are findings: a pull request answers
 * for what it changes. The finding's change is the dependent as the head
 * has it.
 */
export const incompleteLockfileSignal: Signal = {
  id: 'incomplete-lockfile',
  evaluate: () => [],
  evaluateGraphs(input: GraphSignalInput): readonly Finding[] {
    const known = new Map(input.base.map((g) => [g.path, new Set(g.warnings.map(warningKey))] as const));
    const findings: Finding[] = [];
    for (const graph of input.head) {
      const before = known.get(graph.path);
      for (const warning of graph.warnings) {
        if (before?.has(warningKey(warning))) continue;
        findings.push(
          makeFinding('incomplete-lockfile', 'moderate', dependentOf(graph, warning.from), `${graph.path}: ${warning.message}`, [warning.code], {
            code: warning.code,
            dependent: warning.from,
            reference: warning.reference,
          }),
        );
      }
    }
    return findings;
  },
};

function warningKey(w: GraphWarning): string {
  return `${w.code}\u0000${w.from}\u0000${w.reference}`;
}

/** The package or workspace that names what is missing, as a change of the head (same version on both sides). */
function dependentOf(graph: DependencyGraph, from: string): Change {
  const node = graph.packages.get(from);
  if (node) {
    return { type: 'changed', ecosystem: node.ecosystem, name: node.name, from: node.version, to: node.version, lockfile: graph.path, purl: node.purl, direct: node.directIn.size > 0, workspaces: [], paths: [], changedFields: [], dev: node.dev, headNode: node };
  }
  const workspace = graph.workspaces.get(from);
  const name = workspace?.name ?? from;
  const version = workspace?.version ?? '';
  return { type: 'changed', ecosystem: 'npm', name, from: version, to: version, lockfile: graph.path, purl: '', direct: true, workspaces: [from], paths: [], changedFields: [], dev: false };
}
