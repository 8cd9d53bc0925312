import type { Change } from '../../../src/core/diff/change.js';
import { diffRepositories } from '../../../src/core/diff/diff-repositories.js';
import type { Advisory, PackageMetadata, TrustLevel, VersionMetadata } from '../../../src/core/facts.js';
import type { SignalInput, SignalSettings } from '../../../src/core/findings.js';
import type { PackageNode } from '../../../src/core/model.js';
import { type GraphSpec, graphOf } from '../../helpers/graph.js';

export const NOW = new Date('2025-09-08T18:00:00Z');

export const SETTINGS: SignalSettings = {
  minReleaseAgeHours: 0,
  packageManagerAgeGates: [],
  allowedRegistries: ['registry.npmjs.org'],
  licenses: { allow: [], deny: [] },
  popularPackages: new Map(),
};

const SHA = 'sha512-' + 'A'.repeat(86) + '==';

/** The one change between two hand-built graphs for the package `name` (fails if there is none). */
export function changeOf(base: GraphSpec, head: GraphSpec, name: string): Change {
  const change = diffRepositories([graphOf(base)], [graphOf(head)]).changes.find((c) => c.name === name);
  if (!change) throw new Error(`no change for ${name}`);
  return change;
}

/** Every change between two graphs. */
export function changesOf(base: GraphSpec, head: GraphSpec): readonly Change[] {
  return diffRepositories([graphOf(base)], [graphOf(head)]).changes;
}

/** A registry package as a lockfile records it: resolved from the npm registry with an integrity hash. */
export function registryPackage(id: string, extra: Partial<GraphSpec['packages'][string]> = {}): GraphSpec['packages'][string] {
  const at = id.lastIndexOf('@');
  const name = id.slice(0, at);
  const bare = name.slice(name.lastIndexOf('/') + 1);
  return { resolved: `https://registry.npmjs.org/${name}/-/${bare}-${id.slice(at + 1)}.tgz`, integrity: SHA, license: 'MIT', ...extra };
}

/** A root workspace that depends on `ids` directly (prod), each a registry package. */
export function appWith(...ids: string[]): GraphSpec {
  return {
    workspaces: { '.': Object.fromEntries(ids.map((id) => [id, 'prod' as const])) },
    packages: Object.fromEntries(ids.map((id) => [id, registryPackage(id)])),
  };
}

/** The lockfile flags graphOf cannot set (install scripts), on one side of a change. */
export function withNode(change: Change, side: 'headNode' | 'baseNode', patch: Partial<PackageNode>): Change {
  const node = change[side];
  if (!node) throw new Error(`change has no ${side}`);
  return { ...change, [side]: { ...node, ...patch } };
}

export function inputFor(change: Change, extra: Partial<Omit<SignalInput, 'change'>> = {}): SignalInput {
  return { change, advisories: [], settings: SETTINGS, now: NOW, ...extra };
}

export interface VersionSpec {
  readonly publishedAt?: string;
  readonly trust?: TrustLevel;
  readonly installScripts?: readonly string[];
  readonly deprecated?: string;
  readonly repository?: string;
  readonly workflow?: string;
}

/** Registry metadata for one package, versions given as `version → facts`. */
export function metadataOf(name: string, versions: Record<string, VersionSpec>, repository?: string): PackageMetadata {
  const map = new Map<string, VersionMetadata>();
  for (const [version, v] of Object.entries(versions)) {
    map.set(version, {
      version,
      publishedAt: v.publishedAt ? new Date(v.publishedAt) : undefined,
      deprecated: v.deprecated,
      installScripts: v.installScripts ?? [],
      trust: v.trust ?? 'registry-signature',
      provenanceIdentity: v.repository || v.workflow ? { repository: v.repository, workflow: v.workflow } : undefined,
    });
  }
  return { ecosystem: 'npm', name, versions: map, repository, maintainers: [] };
}

export function advisory(partial: Partial<Advisory> & Pick<Advisory, 'id'>): Advisory {
  return { aliases: [], source: 'osv', summary: '', severity: 'unknown', malware: false, fixedVersions: [], ...partial };
}
