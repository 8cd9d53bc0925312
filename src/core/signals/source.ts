import type { Severity } from '../facts.js';
import type { Finding, Signal, SignalInput } from '../findings.js';
import type { SourceKind } from '../model.js';
import { label, makeFinding } from './finding.js';
import { artefactNamedBy, integrityDiffers } from './registry-tarball.js';

/** How far each non-registry source is from a reviewed, immutable registry artefact. */
const SOURCE_SEVERITY: Partial<Record<SourceKind, Severity>> = { git: 'moderate', remote: 'moderate', file: 'low', link: 'low' };

/**
 * Where the bits come from:
 * - a git repository, an http(s) tarball, a file or a link instead of the registry;
 * - a registry host outside the allowed registries;
 * - a registry package without integrity (nothing pins its bits);
 * - a registry entry whose tarball names another package or version, or whose integrity is not the
 *   registry's (a lockfile that lies about what it installs: critical);
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
        findings.push(makeFinding('source', 'high', change, `${label(change)} comes from registry ${host}, which is not allowed`, [], { ...evidence, host, allowedRegistries: allowed, registryNotAllowed: true }));
      }
      if (!node.integrity) findings.push(makeFinding('source', 'moderate', change, `${label(change)} has no integrity hash in the lockfile`, [], { ...evidence, missingIntegrity: true }));
      findings.push(...lockfileLies(input));
    }
    return findings;
  },
};

/**
 * A registry entry that installs something other than it says: its tarball
 * names another package or version, or its integrity is not the one the
 * registry publishes for that version (checked when the metadata is at hand).
 * Both are `lockfileMismatch` findings, critical: what every other check
 * judged is not what gets installed.
 */
function lockfileLies(input: SignalInput): Finding[] {
  const { change, metadata } = input;
  const node = change.headNode!;
  const findings: Finding[] = [];
  const named = node.resolved === undefined ? undefined : artefactNamedBy(node.resolved);
  if (named && (named.name !== node.name || named.version !== node.version)) {
    const claimed = `${named.name}@${named.version || '?'}`;
    findings.push(
      makeFinding('source', 'critical', change, `${label(change)} is recorded with the registry artefact of ${claimed}: the lockfile installs something other than it says`, [], {
        source: node.source,
        resolved: node.resolved,
        lockfileMismatch: true,
        resolvedName: named.name,
        resolvedVersion: named.version,
      }),
    );
  }
  const published = metadata?.versions.get(node.version)?.integrity;
  if (published && node.integrity && integrityDiffers(node.integrity, published)) {
    findings.push(
      makeFinding('source', 'critical', change, `${label(change)} has an integrity hash the registry does not publish for that version: the lockfile installs other bits`, [], {
        source: node.source,
        resolved: node.resolved,
        lockfileMismatch: true,
        integrity: node.integrity,
        registryIntegrity: published,
      }),
    );
  }
  return findings;
}

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
