import { ParseError } from '../../core/errors.js';
import { GraphBuilder, type GraphHeader, type PackageInput } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';
import { forEachDeclared, stringField } from './declared.js';
import { EdgeWriter } from './edge-writer.js';
import { folderOf, installedAt, lastNodeModules, NODE_MODULES, packageNameLength } from './install-path.js';
import { declaresName, warnMissingFromLockfile } from './manifest-sync.js';
import { InstallTree, WORKSPACE_LINK } from './resolve.js';
import { sourceOf } from './source.js';
import { workspaceMatcher } from './workspaces.js';

// Each level of nesting adds at least `node_modules/` and one character.
const MIN_LEVEL_LENGTH = NODE_MODULES.length + 1;

/** What {@link GraphBuilder.addPackage} reads, refilled for each entry: it copies what it keeps, so no object per package is needed. */
type PackageFields = { -readonly [K in keyof PackageInput]: PackageInput[K] };

/** An entry edges start from: its location key, its graph id, and whether devDependencies count. */
interface Dependent {
  readonly key: string;
  readonly entry: Record<string, unknown>;
  /** Package id, or workspace id when `workspace` is set. */
  readonly id: string;
  readonly workspace: boolean;
  readonly project: boolean;
  /** For an installed package, the folder whose `node_modules` holds it. */
  readonly folder: string | undefined;
}

/**
 * Reads lockfileVersion 2 and 3 from the `packages` map, in one pass over its
 * entries plus one over the dependents: installed packages (`node_modules/…`),
 * workspace folders, linked folders, and `link: true` entries that point at
 * them. Edges follow node's module resolution from the dependent's location.
 * A v3 file without `packages` has nothing installed (an empty graph). With
 * the root `manifest`, dependencies it declares that the root entry lacks are
 * warnings; so are dependencies and links that point at no entry.
 * @throws {ParseError}
 */
export function readPackagesMap(
  doc: Record<string, unknown>,
  header: GraphHeader,
  manifest: Record<string, unknown> | undefined,
): DependencyGraph {
  const { path, limits } = header;
  const packages = doc.packages === undefined ? {} : doc.packages;
  if (!isRecord(packages)) throw new ParseError('MALFORMED', path, 'has packages that is not an object');
  const keys = Object.keys(packages);
  if (keys.length > limits.maxPackages + 1) {
    throw new ParseError('LIMIT_EXCEEDED', path, `holds ${keys.length} entries, more than the ${limits.maxPackages} limit`);
  }
  const root = packages[''] === undefined ? {} : packages[''];
  if (!isRecord(root)) throw new ParseError('MALFORMED', path, 'has a root entry "" that is not an object');
  const isWorkspace = workspaceMatcher(root.workspaces, path);

  const builder = new GraphBuilder(header);
  const describeRoot = (): string => 'the root entry ""';
  builder.addWorkspace('.', stringField(root, 'name', describeRoot, path), stringField(root, 'version', describeRoot, path));
  const tree = new InstallTree();
  const folders = new Map<string, string>();
  const dependents: Dependent[] = [{ key: '', entry: root, id: '.', workspace: true, project: true, folder: undefined }];
  const links = new Map<string, string>();
  const workspaceNames = new Map<string, string>();
  const fields: PackageFields = {
    name: '',
    version: '',
    purl: '',
    resolved: undefined,
    integrity: undefined,
    source: 'registry',
    hasInstallScript: false,
    license: undefined,
  };

  for (const key of keys) {
    if (key === '') continue;
    const entry = packages[key];
    if (!isRecord(entry)) throw new ParseError('MALFORMED', path, `entry ${quote(key)} is not an object`);
    if (entry.link === true || isAliasOfEntry(entry, key, packages)) {
      const target = entry.resolved;
      if (typeof target !== 'string') throw new ParseError('MALFORMED', path, `link ${quote(key)} has no resolved target`);
      links.set(key, target);
      continue;
    }
    const nested = lastNodeModules(key);
    if (nested >= 0 && key.length > limits.maxDepth * MIN_LEVEL_LENGTH) assertDepth(key, limits.maxDepth, path);
    const at = installedAt(key);
    if (at >= 0) {
      const alias = key.slice(at + NODE_MODULES.length);
      const id = addInstalled(builder, fields, key, alias, entry, path);
      const folder = folderOf(key, at);
      tree.set(folder, alias, id);
      dependents.push({ key, entry, id, workspace: false, project: false, folder });
    } else if (nested < 0 && isWorkspace(key)) {
      const describe = (): string => `workspace ${quote(key)}`;
      const name = stringField(entry, 'name', describe, path);
      const other = name === undefined ? undefined : workspaceNames.get(name);
      if (name !== undefined && other !== undefined) {
        throw new ParseError('CONFLICT', path, `workspaces ${quote(other)} and ${quote(key)} are both named ${quote(name)}`);
      }
      if (name !== undefined) workspaceNames.set(name, key);
      builder.addWorkspace(key, name, stringField(entry, 'version', describe, path));
      dependents.push({ key, entry, id: key, workspace: true, project: true, folder: undefined });
    } else {
      // A folder inside an installed package (`node_modules/a/lib`): its package part must be a real name.
      if (nested >= 0) assertPackageName(packagePart(key, nested), path);
      const id = addLinkedFolder(builder, fields, key, entry, path);
      folders.set(key, id);
      dependents.push({ key, entry, id, workspace: false, project: true, folder: undefined });
    }
  }

  const linkedWorkspaces = new Map<string, string>();
  for (const [key, target] of links) {
    if (links.has(target)) throw new ParseError('MALFORMED', path, `link ${quote(key)} points at another link ${quote(target)}`);
    const targetAt = installedAt(target);
    const id = builder.hasWorkspace(target)
      ? WORKSPACE_LINK
      : targetAt >= 0
        ? tree.get(folderOf(target, targetAt), target.slice(targetAt + NODE_MODULES.length))
        : folders.get(target);
    const at = installedAt(key);
    if (at < 0) throw new ParseError('MALFORMED', path, `link ${quote(key)} is not under node_modules`);
    if (id === undefined) {
      const from = folderOf(key, at);
      builder.addWarning('DANGLING_LINK', from === '' ? '.' : from, target, `link ${quote(key)} points at ${quote(target)}, which has no entry`);
      continue;
    }
    tree.set(folderOf(key, at), key.slice(at + NODE_MODULES.length), id);
    if (id === WORKSPACE_LINK) linkedWorkspaces.set(key, target);
  }

  // Which workspace a name resolving to a workspace link means, from a given location (rare: only then is it searched).
  const workspaceAt = (from: string, name: string): string | undefined => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/')))) {
      const hit = linkedWorkspaces.get(base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`);
      if (hit !== undefined || base === '') return hit;
    }
  };
  const writer = new EdgeWriter(builder, tree, workspaceAt);
  for (const dependent of dependents) {
    writer.start(dependent.key, dependent.id, dependent.workspace, dependent.folder);
    forEachDeclared(dependent.entry, dependent.project, path, writer);
  }
  if (manifest) warnMissingFromLockfile(builder, manifest, (name) => declaresName(root, name));
  return builder.build();
}

/**
 * An entry without a version whose `resolved` is the key of another entry
 * (`"resolved": "node_modules/@s/a/lib"`): npm wrote a link, only without
 * `link: true` (hand edits, merge tools). Reading `resolved` as a version
 * would invent a package; it is read as the link it is.
 */
function isAliasOfEntry(entry: Record<string, unknown>, key: string, packages: Record<string, unknown>): boolean {
  const { resolved } = entry;
  return entry.version === undefined && typeof resolved === 'string' && resolved !== key && Object.hasOwn(packages, resolved);
}

/** The package a folder inside an installed package (`node_modules/@s/a/lib`) belongs to: `@s/a`. */
function packagePart(key: string, nested: number): string {
  const tail = key.slice(nested + NODE_MODULES.length);
  return tail.slice(0, packageNameLength(tail));
}

function addInstalled(
  builder: GraphBuilder,
  fields: PackageFields,
  key: string,
  alias: string,
  entry: Record<string, unknown>,
  path: string,
): string {
  assertPackageName(alias, path);
  const { name: nameField, resolved, integrity } = entry;
  if (resolved !== undefined && typeof resolved !== 'string') throw notString(key, 'resolved', path);
  const version = versionOf(entry.version, resolved, key, path);
  if (nameField !== undefined && typeof nameField !== 'string') throw notString(key, 'name', path);
  if (integrity !== undefined && typeof integrity !== 'string') throw notString(key, 'integrity', path);
  const name = nameField ?? alias;
  if (name !== alias) assertPackageName(name, path);
  assertVersion(version, name, path);
  fields.name = name;
  fields.version = version;
  fields.purl = npmPurl(name, version);
  fields.resolved = resolved;
  fields.integrity = integrity;
  fields.source = sourceOf(resolved);
  fillExtras(fields, entry);
  return builder.addPackage(fields);
}

/**
 * An installed package's version. npm leaves `version` out when the package's
 * own package.json has none, which only a git, remote or local source can
 * give; the source spec (`git+ssh://…#sha`) then names what was installed,
 * as in npm 6 lockfiles. A registry entry without a version is malformed.
 */
function versionOf(version: unknown, resolved: string | undefined, key: string, path: string): string {
  if (typeof version === 'string') return version;
  if (version === undefined && resolved !== undefined && sourceOf(resolved) !== 'registry') return resolved;
  throw new ParseError('MALFORMED', path, `entry ${quote(key)} has no version string`);
}

/**
 * A folder that is not a workspace: the target of a `file:` dependency,
 * installed as a link. Its name is the `name` of its package.json as npm
 * records it, else the folder's name (npm's own fallback).
 */
function addLinkedFolder(builder: GraphBuilder, fields: PackageFields, key: string, entry: Record<string, unknown>, path: string): string {
  const describe = (): string => `entry ${quote(key)}`;
  const name = stringField(entry, 'name', describe, path) ?? key.slice(key.lastIndexOf('/') + 1);
  assertPackageName(name, path);
  // A folder without a version still installs (npm shows it as name@). A made-up `0.0.0` would
  // name a release of a registry package of the same name; the folder spec names only this folder.
  const version = stringField(entry, 'version', describe, path) ?? `file:${key}`;
  assertVersion(version, name, path);
  fields.name = name;
  fields.version = version;
  fields.purl = npmPurl(name, version);
  fields.resolved = `file:${key}`;
  fields.integrity = undefined;
  fields.source = 'link';
  fillExtras(fields, entry);
  return builder.addPackage(fields);
}

function fillExtras(fields: PackageFields, entry: Record<string, unknown>): void {
  // npm ≥ 7 records the flag only when true, for every package, so its absence means false.
  fields.hasInstallScript = entry.hasInstallScript === true;
  fields.license = typeof entry.license === 'string' ? entry.license : undefined;
}

function notString(key: string, field: string, path: string): ParseError {
  return new ParseError('MALFORMED', path, `entry ${quote(key)} has a ${field} that is not a string`);
}

function assertDepth(key: string, maxDepth: number, path: string): void {
  let levels = 0;
  for (let at = key.indexOf(NODE_MODULES); at >= 0; at = key.indexOf(NODE_MODULES, at + 1)) levels++;
  if (levels > maxDepth) {
    throw new ParseError('LIMIT_EXCEEDED', path, `nests ${quote(key)} more than ${maxDepth} node_modules levels deep`);
  }
}
