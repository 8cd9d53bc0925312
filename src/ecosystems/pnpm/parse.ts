import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import type { DependencyGraph } from '../../core/model.js';
import { quote } from '../shared/names.js';
import type { ParseOptions } from '../types.js';
import { readLockfileVersion, referenceKeys, type LockfileVersion } from './dialect.js';
import { readReferences, toMap, type Reference } from './entries.js';
import { readImporters } from './importers.js';
import { addLinkedFolder, linkFolder } from './links.js';
import { readWorkspaceLabel } from './manifest.js';
import { addPackages } from './packages.js';
import { readLockfileYaml } from './yaml.js';

/**
 * Reads a pnpm-lock.yaml (lockfileVersion 5.4, 6.0 or 9.0): every importer
 * becomes a workspace, every locked artefact a package node, and the resolved
 * dependencies of importers and snapshots its edges. An importer's `link:`
 * dependency on another importer is a workspace link; on any other folder, a
 * package node with source `link`. A package's `link:` dependency adds nothing.
 * @throws {ParseError}
 */
export async function parsePnpmLock(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  const doc = readLockfileYaml(content, path, limits);
  const version = readLockfileVersion(doc, path);
  const metadata = toMap(doc.packages, 'packages', path);
  const snapshots = version === '9.0' ? toMap(doc.snapshots, 'snapshots', path) : metadata;
  const entries = Math.max(metadata.size, snapshots.size);
  if (entries > limits.maxPackages) {
    throw new ParseError('LIMIT_EXCEEDED', path, `holds ${entries} package entries, over the ${limits.maxPackages} limit`);
  }
  const importers = readImporters(doc, path);

  const builder = new GraphBuilder({ path, format: 'pnpm-lock', formatVersion: version, limits });
  for (const importer of importers) {
    const label = await readWorkspaceLabel(options.openSibling, importer.id, path);
    builder.addWorkspace(importer.id, label.name, label.version);
  }
  const placed = addPackages(builder, metadata, snapshots, version, path);
  const ids = new Map(placed.map((p) => [p.key, p.id]));
  const resolve = (from: string, ref: Reference): string | undefined => resolveReference(ids, from, ref, version, path);

  for (const snapshot of placed) {
    const what = `packages.${quote(snapshot.key)}`;
    const refs = [
      ...readReferences(snapshot.entry.dependencies, 'prod', `${what}.dependencies`, path),
      ...readReferences(snapshot.entry.optionalDependencies, 'optional', `${what}.optionalDependencies`, path),
    ];
    for (const ref of refs) {
      const to = resolve(snapshot.key, ref);
      // pnpm lists a resolved peer among the dependencies; its name in peerDependencies tells it apart.
      const kind = ref.kind === 'prod' && snapshot.peers.has(ref.alias) ? 'peer' : ref.kind;
      if (to) builder.addPackageEdge(snapshot.id, to, ref.alias, kind);
    }
  }
  const importerIds = new Set(importers.map((i) => i.id));
  for (const importer of importers) {
    for (const ref of importer.dependencies) {
      const folder = ref.reference.startsWith('link:') ? linkFolder(importer.id, ref.reference) : undefined;
      if (folder !== undefined && importerIds.has(folder)) {
        if (folder !== importer.id) builder.addWorkspaceLink(importer.id, folder, ref.alias, ref.kind);
        continue;
      }
      const to = folder === undefined ? resolve(`importer ${importer.id}`, ref) : await addLinkedFolder(builder, folder, options.openSibling, path);
      if (to) builder.addWorkspaceEdge(importer.id, to, ref.alias, ref.kind);
    }
  }
  return builder.build();
}

/** The node a reference points at; undefined for `link:` (the caller handles importers' links). @throws {ParseError} MALFORMED when it has no entry */
function resolveReference(
  ids: ReadonlyMap<string, string>,
  from: string,
  ref: Reference,
  version: LockfileVersion,
  path: string,
): string | undefined {
  if (ref.reference.startsWith('link:')) return undefined;
  for (const key of referenceKeys(ref.alias, ref.reference, version)) {
    const id = ids.get(key);
    if (id !== undefined) return id;
  }
  throw new ParseError('MALFORMED', path, `${quote(from)} depends on ${quote(`${ref.alias}@${ref.reference}`)}, which has no entry`);
}
