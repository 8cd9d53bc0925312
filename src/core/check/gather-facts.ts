import type { Change } from '../diff/change.js';
import { UpstreamError } from '../errors.js';
import type { Advisory, PackageMetadata, PackageRef, ProvenanceVerdict, UnavailableFacts } from '../facts.js';
import type { AdvisorySource, ProvenanceSource, RegistrySource } from '../ports.js';
import { packageKey } from '../ports.js';
import { mergeAdvisories } from './merge-advisories.js';

/** The sources one check consults; any may be absent (offline, or not needed by the policy). */
export interface FactSources {
  readonly advisories: readonly AdvisorySource[];
  readonly registry?: RegistrySource | undefined;
  readonly provenance?: ProvenanceSource | undefined;
}

export interface GatheredFacts {
  /** By {@link packageKey}: merged advisories affecting that version. */
  readonly advisories: ReadonlyMap<string, readonly Advisory[]>;
  /** By `ecosystem:name`. */
  readonly metadata: ReadonlyMap<string, PackageMetadata>;
  /** By {@link packageKey}. */
  readonly provenance: ReadonlyMap<string, ProvenanceVerdict>;
  readonly unavailable: readonly UnavailableFacts[];
  /** Names of the sources that answered. */
  readonly consulted: readonly string[];
}

/** The package a change brings in, as fact sources are asked about it. */
export function headRef(change: Change): PackageRef | undefined {
  const node = change.headNode;
  return node ? { ecosystem: node.ecosystem, name: node.name, version: node.version } : undefined;
}

/**
 * Asks every source about the packages the changes bring in, each source once
 * for the whole set (sources batch inside). A source that fails is recorded
 * as unavailable; the policy decides what that means. Removed packages are
 * never asked about.
 */
export async function gatherFacts(changes: readonly Change[], sources: FactSources): Promise<GatheredFacts> {
  const refs = uniqueRefs(changes.filter((c) => c.type !== 'removed'));
  const unavailable: UnavailableFacts[] = [];
  const consulted: string[] = [];

  const perSource = await Promise.all(
    sources.advisories.map(async (source) => {
      try {
        const found = await source.advisoriesFor(refs);
        consulted.push(source.name);
        return found;
      } catch (error) {
        const reason = failureReason(error);
        unavailable.push({ source: source.name, kind: 'advisories', reason }, { source: source.name, kind: 'malware', reason });
        return new Map<string, readonly Advisory[]>();
      }
    }),
  );
  const advisories = new Map<string, readonly Advisory[]>();
  for (const ref of refs) {
    const key = packageKey(ref);
    const merged = mergeAdvisories(perSource.map((m) => m.get(key) ?? []));
    if (merged.length > 0) advisories.set(key, merged);
  }

  const metadata = new Map<string, PackageMetadata>();
  if (sources.registry) {
    const registry = sources.registry;
    const names = [...new Map(refs.map((r) => [`${r.ecosystem}:${r.name}`, r])).values()];
    const failures: string[] = [];
    await Promise.all(
      names.map(async (ref) => {
        try {
          const found = await registry.metadata(ref.ecosystem, ref.name);
          if (found) metadata.set(`${ref.ecosystem}:${ref.name}`, found);
        } catch (error) {
          failures.push(`${ref.name}: ${failureReason(error)}`);
        }
      }),
    );
    if (failures.length > 0) unavailable.push({ source: registry.name, kind: 'metadata', reason: summariseFailures(failures) });
    else consulted.push(registry.name);
  }

  const provenance = new Map<string, ProvenanceVerdict>();
  if (sources.provenance) {
    const source = sources.provenance;
    const failures: string[] = [];
    const registryChanges = changes.filter((c) => c.type !== 'removed' && c.headNode?.source === 'registry');
    await Promise.all(
      registryChanges.map(async (change) => {
        const ref = headRef(change)!;
        try {
          provenance.set(packageKey(ref), await source.provenance(ref, change.headNode?.integrity));
        } catch (error) {
          failures.push(`${ref.name}@${ref.version}: ${failureReason(error)}`);
        }
      }),
    );
    if (failures.length > 0) unavailable.push({ source: source.name, kind: 'provenance', reason: summariseFailures(failures) });
    else consulted.push(source.name);
  }

  return { advisories, metadata, provenance, unavailable, consulted: consulted.sort() };
}

function uniqueRefs(changes: readonly Change[]): PackageRef[] {
  const refs = new Map<string, PackageRef>();
  for (const change of changes) {
    const ref = headRef(change);
    if (ref) refs.set(packageKey(ref), ref);
  }
  return [...refs.values()];
}

function failureReason(error: unknown): string {
  if (error instanceof UpstreamError) return `${error.code}: ${error.message}`;
  // Anything else is a bug in an adapter; let it surface instead of hiding it as "unavailable".
  throw error;
}

function summariseFailures(failures: readonly string[]): string {
  const shown = failures.slice(0, 3).join('; ');
  return failures.length > 3 ? `${shown}; and ${failures.length - 3} more` : shown;
}
