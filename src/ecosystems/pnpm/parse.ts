import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import type { DependencyGraph } from '../../core/model.js';
import { quote } from '../shared/names.js';
import type { ParseOptions } from '../types.js';
import { readLockfileVersion, referenceKeys, type LockfileVersion } from './dialect.js';
import { readReferences, toMap, type Reference } from './entries.js';
import { readImporters } from './importers.js';
import { addLinkedFolder, linkFolder } from './links.js';
import { readWorkspaceLabel, warnMissingFromLockfile } from './manifest.js';
import { addPackages } from './packages.js';
import { readLockfileYaml } from './yaml.js';

/**
 * Reads a pnpm-lock.yaml (lockfileVersion 5.0 to 5.4, 6.0 or 9.0): every importer
 * becomes a workspace, every locked artefact a package node, and the resolved
 * dependencies of importers and snapshots its edges. An importer's `link:`
 * dependency on another importer is a workspace link; on any other folder, a
 * package node with source `link`. A package's `link:` dependency adds nothing.
 * An empty file is an empty graph; gaps (a reference with no entry, a
 * package.json dependency the importer lacks) are warnings.
 * @throws {ParseError}
 */
export async function parsePnpmLock(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  if (isBlank(content)) {
    // pnpm treats an empty pnpm-lock.yaml as no lockfile: nothing is locked.
    const empty = new GraphBuilder({ path, format: 'pnpm-lock', formatVersion: '', limits });
    empty.addWorkspace('.');
    return empty.build();
  }
  const doc = readLockfileYaml(content, path, limits);
  const { text: formatVersion, dialect: version } = readLockfileVersion(doc, path);
  const metadata = toMap(doc.packages, 'packages', path);
  const snapshots = version === '9.0' ? toMap(doc.snapshots, 'snapshots', path) : metadata;
  const entries = Math.max(metadata.size, snapshots.size);
  if (entries > limits.maxPackages) {
    throw new ParseError('LIMIT_EXCEEDED', path, `holds ${entries} package entries, over the ${limits.maxPackages} limit`);
  }
  const importers = readImporters(doc, path);

  const builder = new GraphBuilder({ path, format: 'pnpm-lock', formatVersion, limits });
  for (const importer of importers) {
    const label = await readWorkspaceLabel(options.openSibling, importer.id, path);
    builder.addWorkspace(importer.id, label.name, label.version);
    warnMissingFromLockfile(builder, importer, label.declared);
  }
  const placed = addPackages(builder, metadata, snapshots, version, path);
  const ids = new Map(placed.map((p) => [p.key, p.id]));
  const resolve = (from: string, ref: Reference): string | undefined => resolveReference(builder, ids, from, ref, version);

  for (const snapshot of placed) {
    const what = `packages.${quote(snapshot.key)}`;
    const refs = [
      ...readReferences(snapshot.entry.dependencies, 'prod', `${what}.dependencies`, path),
      ...readReferences(snapshot.entry.optionalDependencies, 'optional', `${what}.optionalDependencies`, path),
    ];
    for (const ref of refs) {
      const to = resolve(snapshot.id, ref);
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
      const to = folder === undefined ? resolve(importer.id, ref) : await addLinkedFolder(builder, folder, options.openSibling, path);
      if (to) builder.addWorkspaceEdge(importer.id, to, ref.alias, ref.kind);
    }
  }
  return builder.build();
}

/**
 * The node a reference points at; undefined for `link:` (the caller handles
 * importers' links) and for a reference with no entry (an out-of-sync or
 * hand-trimmed lockfile), which is recorded as a DANGLING_DEPENDENCY warning
 * from `from` (a package or workspace id).
 */
function resolveReference(
  builder: GraphBuilder,
  ids: ReadonlyMap<string, string>,
  from: string,
  ref: Reference,
  version: LockfileVersion,
): string | undefined {
  if (ref.reference.startsWith('link:')) return undefined;
  for (const key of referenceKeys(ref.alias, ref.reference, version)) {
    const id = ids.get(key);
    if (id !== undefined) return id;
  }
  const reference = `${ref.alias}@${ref.reference}`;
  builder.addWarning('DANGLING_DEPENDENCY', from, reference, `${quote(from)} depends on ${quote(reference)}, which has no entry`);
  return undefined;
}

/** Whether a file holds nothing but white space and YAML comments. */
function isBlank(content: string): boolean {
  for (let start = 0; start < content.length; ) {
    const end = content.indexOf('\n', start);
    const line = content.slice(start, end < 0 ? content.length : end).trim();
    if (line !== '' && !line.startsWith('#')) return false;
    if (end < 0) break;
    start = end + 1;
  }
  return true;
}
