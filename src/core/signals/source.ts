import type { Severity } from '../facts.js';
import type { Finding, Signal, SignalInput } from '../findings.js';
import type { SourceKind } from '../model.js';
import { label, makeFinding } from './finding.js';

/** How far each non-registry source is from a reviewed, immutable registry artefact. */
const SOURCE_SEVERITY: Partial<Record<SourceKind, Severity>> = { git: 'moderate', remote: 'moderate', file: 'low', link: 'low' };

/**
 * Where the bits come from:
 * - a git repository, an http(s) tarball, a file or a link instead of the registry;
 * - a registry host outside the allowed registries;
 * - a registry package without integrity (nothing pins its bits);
 * - the same version with different bits than the base branch had (`changed` integrity: critical —
 *   a republished or tampered artefact), or fetched from somewhere else.
 */
export const sourceSignal: Signal = {
  id: 'source',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, settings } = input;
    const node = change.headNode;
    if (!node || change.to === undefined) return [];
    const findings: Finding[] = [];
    const evidence = { source: node.source, resolved: node.resolved };

    if (change.type === 'changed' && change.changedFields?.length) {
      const fields = change.changedFields;
      const severity: Severity = fields.includes('integrity') ? 'critical' : fields.includes('source') ? 'high' : 'moderate';
      findings.push(
        makeFinding('source', severity, change, `${label(change)} now ${fields.includes('integrity') ? 'has different bits' : 'comes from elsewhere'} than on the base branch (${fields.join(', ')})`, [], {
          ...evidence,
          changedFields: [...fields],
          integrity: node.integrity,
          previousIntegrity: change.baseNode?.integrity,
          previousResolved: change.baseNode?.resolved,
        }),
      );
    }

    const severity = SOURCE_SEVERITY[node.source];
    if (severity) {
      const insecure = node.source === 'remote' && /^http:/i.test(node.resolved ?? '');
      findings.push(makeFinding('source', insecure ? 'high' : severity, change, `${label(change)} comes from ${describe(node.source)}, not a registry`, [], { ...evidence, insecure: insecure || undefined }));
    }

    if (node.source === 'registry') {
      const host = hostOf(node.resolved);
      const allowed = settings.allowedRegistries.map((h) => h.toLowerCase());
      if (host && allowed.length > 0 && !allowed.includes(host)) {
        findings.push(makeFinding('source', 'high', change, `${label(change)} comes from registry ${host}, which is not allowed`, [], { ...evidence, host, allowedRegistries: allowed }));
      }
      if (!node.integrity) findings.push(makeFinding('source', 'moderate', change, `${label(change)} has no integrity hash in the lockfile`, [], { ...evidence, missingIntegrity: true }));
    }
    return findings;
  },
};

function describe(source: SourceKind): string {
  return source === 'remote' ? 'a tarball URL' : source === 'git' ? 'a git repository' : source === 'file' ? 'a local file' : 'a local link';
}

/** Host (with a non-default port) of a URL, lower case; `undefined` when it is not an http(s) URL. */
function hostOf(resolved: string | undefined): string | undefined {
  if (!resolved) return undefined;
  try {
    const url = new URL(resolved);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
