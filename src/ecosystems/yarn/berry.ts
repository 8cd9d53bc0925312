import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { assertVersion, quote } from '../shared/names.js';
import type { ParseOptions } from '../types.js';
import { parseDescriptor, splitKey } from './descriptor.js';
import { assertEntryCount, dependencyPairs, requiredField } from './entries.js';
import { readManifest, type Manifest } from './manifest.js';
import { berrySource } from './source.js';
import { ownRecord, readSyml } from './syml.js';
import { indexEntries, type BerryEntry } from './berry-index.js';

/** `__metadata.version` values written by yarn 2 (4) through yarn 4.x (10). */
const MIN_VERSION = 4;
const MAX_VERSION = 10;

/**
 * Reads a yarn berry (v2+) lockfile: packages from its entries, workspaces
 * from its `workspace:` resolutions (a workspace depending on another is a
 * workspace link, not a package edge), dependency kinds of workspaces from
 * their package.json files when they can be opened.
 * @throws {ParseError}
 */
export async function parseBerry(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  const doc = readSyml(content, path, limits, false);
  const formatVersion = readMetadataVersion(doc, path);
  const keys = Object.keys(doc).filter((k) => k !== '__metadata');
  assertEntryCount(keys.length, limits.maxPackages, path);
  const entries = keys.map((key) => readEntry(key, doc[key], path));
  const index = indexEntries(entries, path);

  const builder = new GraphBuilder({ path, format: 'yarn-berry', formatVersion, limits });
  const ids = new Map<BerryEntry, string>();
  const manifests = new Map<BerryEntry, Manifest | undefined>();
  for (const entry of entries) {
    if (entry.workspace !== undefined) {
      const manifest = await readManifest(options.openSibling, entry.workspace, path);
      manifests.set(entry, manifest);
      builder.addWorkspace(entry.workspace, entry.name, manifest?.version);
    } else if (!index.patchedAway.has(entry)) {
      ids.set(entry, addPackage(builder, entry));
    }
  }
  for (const entry of entries) {
    if (entry.workspace !== undefined) addWorkspaceEdges(builder, entry, entry.workspace, manifests.get(entry), index.lookup, ids, path);
    else {
      const from = ids.get(entry);
      if (from) addPackageEdges(builder, entry, from, index.lookup, ids, path);
    }
  }
  return builder.build();
}

function readMetadataVersion(doc: Record<string, unknown>, path: string): string {
  const meta = ownRecord(doc.__metadata);
  if (!meta) throw new ParseError('MALFORMED', path, 'has no __metadata (is it a yarn v1 lockfile?)');
  const version = meta.version;
  const n = typeof version === 'string' && /^\d{1,4}$/.test(version) ? Number(version) : NaN;
  if (!(n >= MIN_VERSION && n <= MAX_VERSION)) {
    throw new ParseError(
      'UNSUPPORTED_VERSION',
      path,
      `has __metadata.version ${quote(String(version))}; chaingate reads ${MIN_VERSION} to ${MAX_VERSION} (yarn 2 to 4)`,
    );
  }
  return String(n);
}

function readEntry(key: string, value: unknown, path: string): BerryEntry {
  const entry = ownRecord(value);
  if (!entry) throw new ParseError('MALFORMED', path, `entry ${quote(key)} is not a mapping`);
  const resolution = requiredField(entry, 'resolution', key, path);
  const locator = parseDescriptor(resolution, path);
  const version = requiredField(entry, 'version', key, path);
  assertVersion(version, locator.name, path);
  let workspace: string | undefined;
  if (locator.range.startsWith('workspace:')) {
    workspace = workspaceFolder(locator.range.slice('workspace:'.length), path);
  }
  return {
    key,
    descriptors: splitKey(key).map((d) => parseDescriptor(d, path)),
    name: locator.name,
    reference: locator.range,
    resolution,
    version,
    workspace,
    raw: entry,
  };
}

function workspaceFolder(folder: string, path: string): string {
  if (folder.startsWith('/') || /[\u0000-\u001f\u007f\\]/u.test(folder)) {
    throw new ParseError('MALFORMED', path, `workspace path ${quote(folder)} is not a relative path`);
  }
  const segments = folder.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new ParseError('MALFORMED', path, `workspace path ${quote(folder)} leaves the project`);
  return segments.length === 0 ? '.' : segments.join('/');
}

function addPackage(builder: GraphBuilder, entry: BerryEntry): string {
  const source = berrySource(entry.reference);
  return builder.addPackage({
    name: entry.name,
    version: entry.version,
    purl: npmPurl(entry.name, entry.version),
    // The resolution is what yarn fetches (`debug@npm:4.4.1`, a git URL, a tarball, a patch): the source signal
    // holds a registry one against the entry's name and version.
    resolved: entry.resolution,
    // `checksum` hashes the zip archive yarn builds, not the published tarball: it cannot become an SRI string.
    integrity: undefined,
    source,
  });
}

type Lookup = (alias: string, range: string) => BerryEntry | undefined;

function addPackageEdges(
  builder: GraphBuilder,
  entry: BerryEntry,
  from: string,
  lookup: Lookup,
  ids: ReadonlyMap<BerryEntry, string>,
  path: string,
): void {
  for (const [alias, range] of dependencyPairs(entry.raw.dependencies, 'dependencies', entry.key, path)) {
    const target = lookup(alias, range);
    if (!target) {
      throw new ParseError('MALFORMED', path, `entry ${quote(entry.key)} depends on ${quote(`${alias}@${range}`)}, which has no entry`);
    }
    const to = ids.get(target);
    if (to) builder.addPackageEdge(from, to, alias, isOptional(entry.raw.dependenciesMeta, alias, entry.version) ? 'optional' : 'prod');
  }
  // Peers are resolved from the dependent's parent; the lockfile keeps only the range. Unmet peers have no entry.
  for (const [alias, range] of dependencyPairs(entry.raw.peerDependencies, 'peerDependencies', entry.key, path)) {
    const target = lookup(alias, range);
    const to = target && ids.get(target);
    if (to) builder.addPackageEdge(from, to, alias, 'peer');
  }
}

function addWorkspaceEdges(
  builder: GraphBuilder,
  entry: BerryEntry,
  workspace: string,
  manifest: Manifest | undefined,
  lookup: Lookup,
  ids: ReadonlyMap<BerryEntry, string>,
  path: string,
): void {
  for (const [alias, range] of dependencyPairs(entry.raw.dependencies, 'dependencies', entry.key, path)) {
    const target = lookup(alias, range);
    if (!target) {
      throw new ParseError('MALFORMED', path, `workspace ${quote(entry.key)} depends on ${quote(`${alias}@${range}`)}, which has no entry`);
    }
    // Berry folds devDependencies into `dependencies`; package.json tells them apart.
    const declared: DependencyKind | undefined = manifest?.dependencies.get(alias)?.kind;
    const kind = declared ?? (isOptional(entry.raw.dependenciesMeta, alias, entry.version) ? 'optional' : 'prod');
    if (target.workspace !== undefined) {
      builder.addWorkspaceLink(workspace, target.workspace, alias, kind);
      continue;
    }
    const to = ids.get(target);
    if (to) builder.addWorkspaceEdge(workspace, to, alias, kind);
  }
}

function isOptional(meta: unknown, alias: string, version: string): boolean {
  const record = ownRecord(meta);
  if (!record) return false;
  const settings = ownRecord(record[alias]) ?? ownRecord(record[`${alias}@${version}`]);
  return settings?.optional === 'true' || settings?.optional === true;
}
