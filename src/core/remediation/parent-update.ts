import semver from 'semver';
import type { PackageMetadata } from '../facts.js';
import type { DependencyGraph, PackageNode } from '../model.js';
import { directDeclaration } from './manifest-edits.js';
import type { Manifest, ManifestEdit, ParentUpdate } from './types.js';

/**
 * A plain in-range update of the parent instead of an override: when the
 * affected package has one dependent, a direct dependency reached from
 * nowhere else, and a newer release of that parent which its declared ranges
 * already accept requires the package at a range no affected version
 * satisfies — with every other dependency range unchanged, so nothing else
 * moves — the lowest such release is locked. The manifests keep their ranges
 * (the lockfile is written with the parent pinned, then with the range again).
 * `undefined` when there is no such parent or release.
 */
export function findParentUpdate(
  graph: DependencyGraph,
  node: PackageNode,
  manifests: ReadonlyMap<string, Manifest>,
  packageMetadata: PackageMetadata,
  parentMetadata: ReadonlyMap<string, PackageMetadata> | undefined,
  affects: (version: string) => boolean,
): { readonly update: ParentUpdate; readonly edits: readonly ManifestEdit[] } | undefined {
  const dependents = [...graph.packages.values()].filter((p) => p.dependencies.some((edge) => edge.to === node.id));
  if (dependents.length !== 1 || node.directIn.size > 0) return undefined;
  const parent = dependents[0]!;
  if (parent.source !== 'registry' || parent.directIn.size === 0) return undefined;
  if ([...graph.packages.values()].some((p) => p.dependencies.some((edge) => edge.to === parent.id))) return undefined;
  const metadata = parentMetadata?.get(parent.name);
  const before = metadata?.versions.get(parent.version)?.dependencies;
  if (!metadata || !before) return undefined;

  const declared: { workspace: string; field: string; range: string }[] = [];
  for (const workspace of [...parent.directIn].sort()) {
    const found = manifests.get(workspace) && directDeclaration(manifests.get(workspace)!, parent.name);
    if (!found || semver.validRange(found.range) === null) return undefined;
    declared.push({ workspace, ...found });
  }
  const releases = [...packageMetadata.versions.keys()].filter((v) => semver.valid(v) !== null && semver.prerelease(v) === null);
  const candidates = [...metadata.versions.values()]
    .filter((v) => v.deprecated === undefined && semver.valid(v.version) !== null && semver.prerelease(v.version) === null && semver.gt(v.version, parent.version))
    .filter((v) => declared.every((d) => semver.satisfies(v.version, d.range)))
    .sort((a, b) => semver.compare(a.version, b.version));
  for (const candidate of candidates) {
    const after = candidate.dependencies;
    if (!after || !sameOtherDependencies(before, after, node.name)) continue;
    const range = after[node.name]!;
    if (semver.validRange(range) === null) continue;
    const accepted = releases.filter((v) => semver.satisfies(v, range));
    if (accepted.length === 0 || accepted.some(affects)) continue;
    const expected = semver.maxSatisfying(accepted, range)!;
    const update: ParentUpdate = { name: parent.name, from: parent.version, to: candidate.version, range };
    const why = `in-range parent update: ${parent.name} ${candidate.version} (which the declared range accepts) requires ${node.name} ${range}, which no affected version satisfies`;
    const edits = declared.map((d) => ({
      manifest: d.workspace === '.' ? 'package.json' : `${d.workspace}/package.json`,
      key: [d.field, parent.name],
      from: d.range,
      to: d.range,
      pin: candidate.version,
      why,
    }));
    return { update: { ...update, expected }, edits };
  }
  return undefined;
}

/** The same dependency names with the same ranges, except `name`, which both must have. */
function sameOtherDependencies(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, name: string): boolean {
  const keys = Object.keys(before).sort();
  const afterKeys = Object.keys(after).sort();
  if (keys.length !== afterKeys.length || keys.some((k, i) => k !== afterKeys[i]) || !(name in after)) return false;
  return keys.every((k) => k === name || before[k] === after[k]);
}
