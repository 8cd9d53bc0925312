import { ParseError } from '../../core/errors.js';
import { GraphBuilder, type GraphHeader } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph } from '../../core/model.js';
import { assertPackageName, assertVersion, quote } from '../shared/names.js';
import { isRecord } from '../shared/text.js';
import { forEachDeclared, stringField } from './declared.js';
import { resolveFrom, WORKSPACE_LINK, type Targets } from './resolve.js';
import { sourceOf } from './source.js';
import { workspaceMatcher } from './workspaces.js';

const NODE_MODULES = 'node_modules/';

/** An entry an edge can start from: its location key, its graph id, and whether devDependencies count. */
interface Dependent {
  readonly key: string;
  readonly entry: Record<string, unknown>;
  /** Package id, or workspace id when `workspace` is set. */
  readonly id: string;
  readonly workspace: boolean;
  readonly project: boolean;
}

/**
 * Reads lockfileVersion 2 and 3 from the `packages` map, in one pass over its
 * entries plus one over the dependents: installed packages (`node_modules/…`),
 * workspace folders, linked folders, and `link: true` entries that point at
 * them. Edges follow node's module resolution from the dependent's location.
 * @throws {ParseError}
 */
export function readPackagesMap(doc: Record<string, unknown>, header: GraphHeader): DependencyGraph {
  const { path, limits } = header;
  const packages = doc.packages;
  if (!isRecord(packages)) throw new ParseError('MALFORMED', path, 'has packages that is not an object');
  const keys = Object.keys(packages);
  if (keys.length > limits.maxPackages + 1) {
    throw new ParseError('LIMIT_EXCEEDED', path, `holds ${keys.length} entries, more than the ${limits.maxPackages} limit`);
  }
  const root = packages[''] ?? {};
  if (!isRecord(root)) throw new ParseError('MALFORMED', path, 'has a root entry "" that is not an object');
  const isWorkspace = workspaceMatcher(root.workspaces, path);

  const builder = new GraphBuilder(header);
  builder.addWorkspace('.', stringField(root, 'name', 'the root entry', path), stringField(root, 'version', 'the root entry', path));
  const targets: Targets = new Map();
  const dependents: Dependent[] = [{ key: '', entry: root, id: '.', workspace: true, project: true }];
  const links: [string, string][] = [];

  for (const key of keys) {
    if (key === '') continue;
    const entry = packages[key];
    if (!isRecord(entry)) throw new ParseError('MALFORMED', path, `entry ${quote(key)} is not an object`);
    if (entry.link === true) {
      const target = entry.resolved;
      if (typeof target !== 'string') throw new ParseError('MALFORMED', path, `link ${quote(key)} has no resolved target`);
      links.push([key, target]);
      continue;
    }
    const at = key.lastIndexOf(NODE_MODULES);
    if (at === 0 || (at > 0 && key.charCodeAt(at - 1) === 47 /* '/' */)) {
      const id = addInstalled(builder, key, key.slice(at + NODE_MODULES.length), entry, path);
      targets.set(key, id);
      dependents.push({ key, entry, id, workspace: false, project: false });
    } else if (isWorkspace(key)) {
      const where = `workspace ${quote(key)}`;
      builder.addWorkspace(key, stringField(entry, 'name', where, path), stringField(entry, 'version', where, path));
      dependents.push({ key, entry, id: key, workspace: true, project: true });
    } else {
      const id = addLinkedFolder(builder, key, entry, path);
      targets.set(key, id);
      dependents.push({ key, entry, id, workspace: false, project: true });
    }
  }

  for (const [key, target] of links) {
    if (builder.hasWorkspace(target)) {
      targets.set(key, WORKSPACE_LINK);
      continue;
    }
    const id = targets.get(target);
    if (id === undefined) {
      throw new ParseError('MALFORMED', path, `link ${quote(key)} points at ${quote(target)}, which has no entry`);
    }
    targets.set(key, id);
  }

  for (const dependent of dependents) {
    const where = dependent.key === '' ? 'the root entry' : `entry ${quote(dependent.key)}`;
    forEachDeclared(dependent.entry, dependent.project, where, path, (name, kind) => {
      const to = resolveFrom(targets, dependent.key, name);
      // Missing (an optional dependency for another platform, an unmet peer) or another workspace: no package edge.
      if (to === undefined || to === WORKSPACE_LINK) return;
      if (dependent.workspace) builder.addWorkspaceEdge(dependent.id, to, name, kind);
      else builder.addPackageEdge(dependent.id, to, name, kind);
    });
  }
  return builder.build();
}

function addInstalled(builder: GraphBuilder, key: string, alias: string, entry: Record<string, unknown>, path: string): string {
  const where = `entry ${quote(key)}`;
  assertPackageName(alias, path);
  const name = stringField(entry, 'name', where, path) ?? alias;
  if (name !== alias) assertPackageName(name, path);
  const version = entry.version;
  if (typeof version !== 'string') throw new ParseError('MALFORMED', path, `${where} has no version string`);
  assertVersion(version, name, path);
  const resolved = stringField(entry, 'resolved', where, path);
  return builder.addPackage({
    name,
    version,
    purl: npmPurl(name, version),
    resolved,
    integrity: stringField(entry, 'integrity', where, path),
    source: sourceOf(resolved),
    // npm ≥ 7 records the flag only when true, for every package, so its absence means false.
    hasInstallScript: entry.hasInstallScript === true,
    license: typeof entry.license === 'string' ? entry.license : undefined,
  });
}

/** A folder outside node_modules that is not a workspace: the target of a `file:` dependency, installed as a link. */
function addLinkedFolder(builder: GraphBuilder, key: string, entry: Record<string, unknown>, path: string): string {
  const where = `entry ${quote(key)}`;
  const name = stringField(entry, 'name', where, path) ?? key.slice(key.lastIndexOf('/') + 1);
  assertPackageName(name, path);
  // A folder without a version in its package.json still installs; npm shows it as name@.
  const version = stringField(entry, 'version', where, path) ?? '0.0.0';
  assertVersion(version, name, path);
  return builder.addPackage({
    name,
    version,
    purl: npmPurl(name, version),
    resolved: `file:${key}`,
    source: 'link',
    hasInstallScript: entry.hasInstallScript === true,
    license: typeof entry.license === 'string' ? entry.license : undefined,
  });
}
