import type { PackageMetadata, ProvenanceVerdict, TrustLevel, VersionMetadata } from '../facts.js';
import type { Finding, Signal, SignalInput } from '../findings.js';
import { label, makeFinding } from './finding.js';
import { earlierOnLine, hasProvenance, normaliseRepository, releaseLine, TRUST_RANK } from './trust.js';

interface Identity {
  readonly repository?: string | undefined;
  readonly workflow?: string | undefined;
}

/**
 * Provenance of the head version against the versions published before it on the same release line:
 * - an invalid bundle (high);
 * - **regressed**: earlier versions on the line had provenance (or a trusted publisher) and this one
 *   has less — the shape of the 2025–2026 npm account takeovers, published with a stolen token from a
 *   laptop instead of the project's CI (high when provenance is lost, moderate for other steps down);
 * - **identity changed**: the provenance names another repository or workflow than the most recent
 *   earlier version that had one (high);
 * - missing everywhere: no version of the line has provenance (low; the policy decides whether it matters).
 * Valid provenance is not safety (malicious releases with valid provenance have been published), so a
 * verified version yields no finding here and the other signals still judge it.
 */
export const provenanceSignal: Signal = {
  id: 'provenance',
  evaluate(input: SignalInput): readonly Finding[] {
    const { change, metadata, provenance } = input;
    const version = change.to;
    if (version === undefined) return [];
    if (change.headNode && change.headNode.source !== 'registry') return []; // git, tarball, file: the source signal speaks
    if (provenance?.status === 'invalid') {
      return [makeFinding('provenance', 'high', change, `${label(change)} has an invalid provenance bundle: ${provenance.reason}`, [], { invalid: true, reason: provenance.reason })];
    }
    const published = metadata?.versions.get(version);
    const trust = headTrust(provenance, published);
    if (trust === undefined) return []; // nothing known: the verdict lists the unavailable facts
    const earlier = metadata ? earlierOnLine(metadata, version) : [];
    const line = releaseLine(version);
    const findings: Finding[] = [];

    const best = highestTrust(earlier);
    if (best && TRUST_RANK[best.trust] > TRUST_RANK[trust]) {
      const lostProvenance = hasProvenance(best.trust) && !hasProvenance(trust);
      findings.push(
        makeFinding('provenance', lostProvenance ? 'high' : 'moderate', change, `${label(change)} regressed from ${best.trust} (${best.version}) to ${trust}`, [], {
          regressed: true,
          trust,
          previousTrust: best.trust,
          previousVersion: best.version,
          previousPublishedAt: best.publishedAt?.toISOString(),
          publishedAt: published?.publishedAt?.toISOString(),
          line,
        }),
      );
    } else if (!hasProvenance(trust) && !earlier.some((v) => hasProvenance(v.trust))) {
      findings.push(makeFinding('provenance', 'low', change, `${label(change)} has no provenance`, [], { missing: true, trust, line, earlierVersions: earlier.length }));
    }

    const identity = headIdentity(provenance, published);
    const reference = earlier.find((v) => v.provenanceIdentity?.repository || v.provenanceIdentity?.workflow);
    const changed = identity && reference ? identityChanges(reference.provenanceIdentity!, identity) : [];
    if (reference && changed.length > 0) {
      findings.push(
        makeFinding('provenance', 'high', change, `${label(change)} was built from another ${changed.join(' and ')} than ${reference.version}`, [], {
          identityChanged: changed,
          repository: identity?.repository,
          workflow: identity?.workflow,
          previousVersion: reference.version,
          previousRepository: reference.provenanceIdentity?.repository,
          previousWorkflow: reference.provenanceIdentity?.workflow,
          line,
        }),
      );
    }
    if (identity?.repository && metadata) findings.push(...repositoryMismatch(input, metadata, identity.repository));
    return findings;
  },
};

/** A verified bundle is the strongest fact; without one the registry's metadata, never above registry signature when the attestation is absent. */
function headTrust(provenance: ProvenanceVerdict | undefined, published: VersionMetadata | undefined): TrustLevel | undefined {
  if (provenance?.status === 'verified') return provenance.trust;
  if (provenance?.status === 'absent') return published?.trust === 'registry-signature' ? 'registry-signature' : 'none';
  return published?.trust;
}

function headIdentity(provenance: ProvenanceVerdict | undefined, published: VersionMetadata | undefined): Identity | undefined {
  if (provenance?.status === 'verified') return { repository: provenance.repository, workflow: provenance.workflow };
  if (provenance?.status === 'absent') return undefined;
  return published?.provenanceIdentity;
}

/** The highest trust among earlier versions; of equals, the most recent (the list is newest first). */
function highestTrust(earlier: readonly VersionMetadata[]): VersionMetadata | undefined {
  let best: VersionMetadata | undefined;
  for (const v of earlier) if (!best || TRUST_RANK[v.trust] > TRUST_RANK[best.trust]) best = v;
  return best;
}

function identityChanges(before: Identity, now: Identity): ('repository' | 'workflow')[] {
  const changes: ('repository' | 'workflow')[] = [];
  if (before.repository && now.repository && normaliseRepository(before.repository) !== normaliseRepository(now.repository)) changes.push('repository');
  if (before.workflow && now.workflow && before.workflow !== now.workflow) changes.push('workflow');
  return changes;
}

/** The provenance must name the repository the package itself declares. */
function repositoryMismatch(input: SignalInput, metadata: PackageMetadata, repository: string): Finding[] {
  if (!metadata.repository || normaliseRepository(metadata.repository) === normaliseRepository(repository)) return [];
  return [
    makeFinding('provenance', 'high', input.change, `${label(input.change)} provenance names ${repository}, not the package's repository ${metadata.repository}`, [], {
      repositoryMismatch: true,
      repository,
      packageRepository: metadata.repository,
    }),
  ];
}
