import semver from 'semver';
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
import { localPackage } from './berry-local.js';
import { dependencyResolver, readResolutionRules, type DependencyResolver } from './berry-resolutions.js';
import { warnUnrecorded } from '../shared/manifest-gap.js';

/** `__metadata.version` values written by yarn 2 (4) through yarn 4.x (10). */
const MIN_VERSION = 4;
const MAX_VERSION = 10;
/** What berry writes as the version of workspaces and of link/portal packages. */
const LOCAL_VERSION = '0.0.0-use.local';
/** The last lockfile version yarn 2 and 3 write; yarn 4 (8 and later) matches resolutions after normalising ranges. */
const LAST_YARN3_VERSION = 6;

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
  let root: BerryEntry | undefined;
  for (const entry of entries) {
    if (entry.workspace !== undefined) {
      const manifest = await readManifest(options.openSibling, entry.workspace, path);
      manifests.set(entry, manifest);
      builder.addWorkspace(entry.workspace, entry.name, manifest?.version);
      if (entry.workspace === '.') root = entry;
    } else if (!index.patchedAway.has(entry)) {
      ids.set(entry, addPackage(builder, entry, await portalVersion(entry, options)));
    }
  }
  // Only the root's resolutions count: yarn ignores (with a warning) those of other workspaces.
  const rules = readResolutionRules(root ? (manifests.get(root)?.resolutions ?? new Map()) : new Map());
  const style = Number(formatVersion) <= LAST_YARN3_VERSION ? 'as-written' : 'normalised';
  const resolve = dependencyResolver(index, rules, style, root?.resolution);
  for (const entry of entries) {
    if (entry.workspace !== undefined) {
      addWorkspaceEdges(builder, entry, entry.workspace, manifests.get(entry), resolve, ids, path);
    } else {
      const from = ids.get(entry);
      if (from) addPackageEdges(builder, entry, from, resolve, ids, path);
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

function addPackage(builder: GraphBuilder, entry: BerryEntry, version: string): string {
  const source = berrySource(entry.reference);
  const local = localPackage(entry.reference);
  // The resolution is what yarn fetches (`debug@npm:4.4.1`, a git URL, a tarball, a patch): the source signal
  // holds a registry one against the entry's name and version. A local folder is named by its place in the
  // project, whichever workspace's relative path reached it.
  const resolved = local ? `${local.protocol}${local.path}` : entry.resolution;
  return builder.addPackage({
    name: entry.name,
    version,
    purl: npmPurl(entry.name, version),
    resolved,
    // `checksum` hashes the zip archive yarn builds, not the published tarball: it cannot become an SRI string.
    integrity: undefined,
    source,
  });
}

/**
 * The version of a `portal:` package: the lockfile says `0.0.0-use.local`,
 * yarn reads the folder's package.json (as `yarn info` shows), and so does
 * chaingate when it can open it.
 */
async function portalVersion(entry: BerryEntry, options: ParseOptions): Promise<string> {
  const local = localPackage(entry.reference);
  if (local?.protocol !== 'portal:' || entry.version !== LOCAL_VERSION) return entry.version;
  const manifest = await readManifest(options.openSibling, local.path, options.path);
  const version = manifest?.version;
  if (version === undefined || semver.valid(version) === null) return entry.version;
  return version;
}

function addPackageEdges(
  builder: GraphBuilder,
  entry: BerryEntry,
  from: string,
  resolve: DependencyResolver,
  ids: ReadonlyMap<BerryEntry, string>,
  path: string,
): void {
  for (const [alias, range] of dependencyPairs(entry.raw.dependencies, 'dependencies', entry.key, path)) {
    const { target, overriddenBy } = resolve(entry, alias, range);
    if (!target) {
      warnDangling(builder, from, `entry ${quote(entry.key)}`, alias, range, overriddenBy);
      continue;
    }
    const to = ids.get(target);
    if (to) builder.addPackageEdge(from, to, alias, isOptional(entry.raw.dependenciesMeta, alias, entry.version) ? 'optional' : 'prod');
  }
  // Peers are resolved from the dependent's parent; the lockfile keeps only the range. Unmet peers have no entry.
  // Resolutions do not apply to peers (yarn reduces `dependencies` only).
  for (const [alias, range] of dependencyPairs(entry.raw.peerDependencies, 'peerDependencies', entry.key, path)) {
    const target = resolve(entry, alias, range, false).target;
    const to = target && ids.get(target);
    if (to) builder.addPackageEdge(from, to, alias, 'peer');
  }
}

/** A dependency the lockfile has no entry for: an out-of-sync or hand-trimmed file. Recorded, not refused. */
function warnDangling(builder: GraphBuilder, from: string, dependent: string, alias: string, range: string, overriddenBy: string | undefined): void {
  const reference = `${alias}@${range}`;
  const via = overriddenBy === undefined ? '' : ` (${quote(`${alias}@${overriddenBy}`)} through the root's resolutions)`;
  builder.addWarning('DANGLING_DEPENDENCY', from, reference, `${dependent} depends on ${quote(reference)}${via}, which has no entry`);
}

function addWorkspaceEdges(
  builder: GraphBuilder,
  entry: BerryEntry,
  workspace: string,
  manifest: Manifest | undefined,
  resolve: DependencyResolver,
  ids: ReadonlyMap<BerryEntry, string>,
  path: string,
): void {
  const locked = dependencyPairs(entry.raw.dependencies, 'dependencies', entry.key, path);
  if (manifest) warnMissingFromLockfile(builder, entry, workspace, manifest, locked, path);
  for (const [alias, range] of locked) {
    const { target, overriddenBy } = resolve(entry, alias, range);
    if (!target) {
      warnDangling(builder, workspace, `workspace ${quote(entry.key)}`, alias, range, overriddenBy);
      continue;
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

/**
 * Dependencies the workspace's package.json declares that its lockfile entry
 * does not list: package.json changed after the last `yarn install`. Berry
 * lists dependencies, devDependencies and optionalDependencies under
 * `dependencies`, and peers under `peerDependencies`.
 */
function warnMissingFromLockfile(
  builder: GraphBuilder,
  entry: BerryEntry,
  workspace: string,
  manifest: Manifest,
  locked: ReadonlyArray<readonly [string, string]>,
  path: string,
): void {
  const names = new Set(locked.map(([alias]) => alias));
  for (const [alias] of dependencyPairs(entry.raw.peerDependencies, 'peerDependencies', entry.key, path)) names.add(alias);
  for (const dependency of manifest.dependencies.values()) {
    if (!names.has(dependency.alias)) warnUnrecorded(builder, workspace, { name: dependency.alias, spec: dependency.range }, 'yarn install', entry.key);
  }
}


function isOptional(meta: unknown, alias: string, version: string): boolean {
  const record = ownRecord(meta);
  if (!record) return false;
  const settings = ownRecord(record[alias]) ?? ownRecord(record[`${alias}@${version}`]);
  return settings?.optional === 'true' || settings?.optional === true;
}
