import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import type { ParseOptions } from '../types.js';
import { aliasTarget, parseDescriptor } from './descriptor.js';
import { assertEntryCount, dependencyPairs, requiredField, stringField } from './entries.js';
import { expandWorkspaceGlobs } from '../shared/workspace-globs.js';
import { literalWorkspaceManifests, readManifest, type Manifest } from './manifest.js';
import { isBerryLockfile } from './detect.js';
import { classicSource } from './source.js';
import { ownRecord, readSyml } from './syml.js';
import { warnUnrecorded } from '../shared/manifest-gap.js';

const VERSION_HEADER = /^#\s+yarn\s+lockfile\s+v(\d+)\s*$/im;

/**
 * Reads a yarn v1 lockfile. The file itself knows nothing of workspaces or of
 * what the root asks for, so those come from package.json (see readme.md).
 * @throws {ParseError}
 */
export async function parseClassic(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  const header = VERSION_HEADER.exec(content.slice(0, 4096));
  if (header && header[1] !== '1') {
    throw new ParseError('UNSUPPORTED_VERSION', path, `is a yarn lockfile v${header[1]}; only v1 is known`);
  }
  // Before reading: berry's `key: value` lines are not v1 syntax and would only give MALFORMED.
  if (isBerryLockfile(content)) throw new ParseError('UNKNOWN_FORMAT', path, 'is a yarn berry lockfile, not yarn v1');
  const doc = readSyml(content, path, limits, true);
  if (Object.hasOwn(doc, '__metadata')) throw new ParseError('UNKNOWN_FORMAT', path, 'is a yarn berry lockfile, not yarn v1');

  // The v1 grammar expands `a@^1, a@^1.2:` into one key per descriptor sharing one object.
  const entries = new Map<Record<string, unknown>, string[]>();
  for (const key of Object.keys(doc)) {
    const entry = ownRecord(doc[key]);
    if (!entry) throw new ParseError('MALFORMED', path, `entry ${quote(key)} is not a mapping`);
    const keys = entries.get(entry);
    if (keys) keys.push(key);
    else entries.set(entry, [key]);
  }
  assertEntryCount(entries.size, limits.maxPackages, path);

  const builder = new GraphBuilder({ path, format: 'yarn-classic', formatVersion: '1', limits });
  const byDescriptor = new Map<string, string>();
  for (const [entry, keys] of entries) {
    const id = addEntry(builder, entry, keys, path);
    for (const key of keys) byDescriptor.set(key, id);
  }
  for (const [entry, keys] of entries) {
    const from = byDescriptor.get(keys[0] ?? '') ?? '';
    const edges: Array<[unknown, string, DependencyKind]> = [
      [entry.dependencies, 'dependencies', 'prod'],
      [entry.optionalDependencies, 'optionalDependencies', 'optional'],
    ];
    for (const [map, field, kind] of edges) {
      for (const [alias, range] of dependencyPairs(map, field, keys[0] ?? '', path)) {
        const reference = `${alias}@${range}`;
        const to = byDescriptor.get(reference);
        if (to) builder.addPackageEdge(from, to, alias, kind);
        // Out of sync or hand-trimmed: read what is there and say what is missing.
        else builder.addWarning('DANGLING_DEPENDENCY', from, reference, `entry ${quote(keys[0] ?? '')} depends on ${quote(reference)}, which has no entry`);
      }
    }
  }
  await addWorkspaces(builder, byDescriptor, options);
  return builder.build();
}

function addEntry(builder: GraphBuilder, entry: Record<string, unknown>, keys: string[], path: string): string {
  const owner = keys[0] ?? '';
  const version = requiredField(entry, 'version', owner, path);
  const { name, range } = entryPackage(keys, owner, path);
  assertPackageName(name, path);
  assertVersion(version, name, path);
  const resolved = stringField(entry, 'resolved', owner, path);
  return builder.addPackage({
    name,
    version,
    purl: npmPurl(name, version),
    resolved,
    // Yarn v1 writes SRI strings (sha512-…, or sha1-… for old entries); kept as written.
    integrity: stringField(entry, 'integrity', owner, path),
    source: classicSource(resolved, range),
  });
}

/**
 * The package an entry installs, from its keys. A `resolutions` entry that
 * points at an `npm:` alias merges the descriptors it overrides into the
 * alias's entry (`"@types/react@*", "@types/react@npm:types-react@19.0.0"`),
 * so the alias names the package; without an alias every key names it.
 * @throws {ParseError} MALFORMED when the keys name two packages
 */
function entryPackage(keys: readonly string[], owner: string, path: string): { name: string; range: string } {
  let aliased: { name: string; range: string } | undefined;
  let plain: { name: string; range: string } | undefined;
  for (const key of keys) {
    const descriptor = parseDescriptor(key, path);
    const target = aliasTarget(descriptor.range);
    const seen = target ? aliased : plain;
    const found = target ?? descriptor;
    if (seen && seen.name !== found.name) {
      throw new ParseError('MALFORMED', path, `entry ${quote(owner)} names two packages (${quote(seen.name)} and ${quote(found.name)})`);
    }
    if (target) aliased = found;
    else plain = found;
  }
  const named = aliased ?? plain;
  if (!named) throw new ParseError('MALFORMED', path, `entry ${quote(owner)} has no descriptor`);
  return named;
}

async function addWorkspaces(builder: GraphBuilder, byDescriptor: ReadonlyMap<string, string>, options: ParseOptions): Promise<void> {
  const root = await readManifest(options.openSibling, '.', options.path);
  if (!root) return;
  const manifests: Array<[string, Manifest]> = [['.', root]];
  // Without a tree listing, workspaces behind globs stay unknown (see workspaceFolders).
  const allWorkspacesKnown = options.listFiles !== undefined || literalWorkspaceManifests(root.workspaces).length === root.workspaces.length;
  for (const folder of await workspaceFolders(root.workspaces, options)) {
    const manifest = await readManifest(options.openSibling, folder, options.path);
    if (manifest) manifests.push([folder, manifest]);
  }
  const byName = new Map<string, string>();
  for (const [id, manifest] of manifests) {
    builder.addWorkspace(id, manifest.name, manifest.version);
    if (manifest.name !== undefined && !byName.has(manifest.name)) byName.set(manifest.name, id);
  }
  for (const [id, manifest] of manifests) {
    for (const dep of manifest.dependencies.values()) {
      const to = byDescriptor.get(`${dep.alias}@${dep.range}`);
      if (to) {
        builder.addWorkspaceEdge(id, to, dep.alias, dep.kind);
        continue;
      }
      // v1 links a workspace whose version satisfies the range without locking it; a range it does
      // not satisfy would have been fetched, and so locked.
      const workspace = byName.get(dep.alias);
      if (workspace !== undefined) {
        if (workspace !== id) builder.addWorkspaceLink(id, workspace, dep.alias, dep.kind);
        continue;
      }
      // No entry and no workspace: yarn 1 locks neither `link:` ranges nor peers; anything else means
      // package.json changed after the last install — unless it names a workspace that could not be listed.
      if (!allWorkspacesKnown || dep.kind === 'peer' || dep.range.startsWith('link:')) continue;
      warnUnrecorded(builder, id, { name: dep.alias, spec: dep.range }, 'yarn install');
    }
  }
}

/**
 * The folders the root's `workspaces` patterns name. With a listing of the
 * tree, globs are expanded; without one, only literal paths can be tried.
 */
async function workspaceFolders(patterns: readonly string[], options: ParseOptions): Promise<string[]> {
  if (patterns.length === 0) return [];
  const files = options.listFiles ? await options.listFiles() : literalWorkspaceManifests(patterns);
  return expandWorkspaceGlobs(patterns, files);
}
