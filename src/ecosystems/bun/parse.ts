import { ParseError } from '../../core/errors.js';
import { GraphBuilder } from '../../core/graph/builder.js';
import { npmPurl } from '../../core/graph/purl.js';
import type { DependencyGraph, DependencyKind } from '../../core/model.js';
import { assertPackageName, quote } from '../shared/names.js';
import { assertTextSize, isRecord, optionalString, parseJson } from '../shared/text.js';
import type { ParseOptions } from '../types.js';
import { decodeEntry, type BunEntry, type BunInfo } from './entry.js';
import { jsoncToJson } from './jsonc.js';
import { readRootManifest, warnMissingFromLockfile } from './root-manifest.js';

/** `lockfileVersion` values this parser reads: 0 and 1 (bun 1.1.x–1.2.x), 2 (bun ≥ 1.3, adds `configVersion`). */
export const SUPPORTED_VERSIONS: readonly number[] = [0, 1, 2];

const PACKAGE_GROUPS: readonly (readonly [keyof BunInfo, DependencyKind])[] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];
const WORKSPACE_GROUPS: readonly (readonly [keyof BunInfo, DependencyKind])[] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

interface Located {
  readonly key: string;
  /** The key split into package names: `express/debug` → [express, debug]; `@a/b/c` → [@a/b, c]. */
  readonly parts: readonly string[];
  readonly entry: BunEntry;
  /** The package node, for every entry but a workspace's. */
  readonly id?: string;
  /** The workspace id, for a `workspace:` entry. */
  readonly workspace?: string;
}

/**
 * Reads a text `bun.lock` into a {@link DependencyGraph}. Dependencies resolve
 * the way bun installs them (like node_modules): from the entry `a/b`, a
 * dependency `c` is `a/b/c`, else `a/c`, else `c`. A dependency that
 * resolves to a `workspace:` entry is a workspace link (from a workspace) or
 * nothing (from a package): workspaces are never package nodes. `{}` is an
 * empty graph; a dependency with no entry, or one the root package.json
 * declares that the lock lacks, is a warning.
 * @throws {ParseError} for every input that is not a readable bun.lock
 */
export async function parseBunLock(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const { path, limits } = options;
  assertTextSize(content, path, limits);
  const lock = parseJson(jsoncToJson(content, path, limits), path);
  if (!isRecord(lock)) throw new ParseError('MALFORMED', path, 'is not a JSON object');
  if (Object.keys(lock).length === 0) return emptyGraph(path, limits);
  const version = lock['lockfileVersion'];
  if (typeof version !== 'number') throw new ParseError('MALFORMED', path, 'has no numeric lockfileVersion');
  if (!SUPPORTED_VERSIONS.includes(version)) {
    throw new ParseError('UNSUPPORTED_VERSION', path, `has lockfileVersion ${version}; chaingate reads ${SUPPORTED_VERSIONS.join(', ')}`);
  }
  const workspaces = lock['workspaces'];
  // A project without dependencies has nothing under "packages"; a lock may leave the key out.
  const packages = lock['packages'] === undefined ? {} : lock['packages'];
  if (!isRecord(workspaces) || !isRecord(packages)) {
    throw new ParseError('MALFORMED', path, 'has no "workspaces" and "packages" objects');
  }
  const keys = Object.keys(packages);
  if (keys.length > limits.maxPackages) {
    throw new ParseError('LIMIT_EXCEEDED', path, `holds more than ${limits.maxPackages} packages`);
  }

  const builder = new GraphBuilder({ path, format: 'bun-lock', formatVersion: String(version), limits });
  const rootInfo = workspaces[''];
  const manifest = await readRootManifest(options.openSibling, path);
  const rootVersion = isRecord(rootInfo) && rootInfo['version'] === undefined ? manifest?.version : undefined;
  const workspaceInfo = readWorkspaces(workspaces, builder, rootVersion, path);
  if (manifest && isRecord(rootInfo)) warnMissingFromLockfile(builder, manifest.declared, rootInfo);

  const located = new Map<string, Located>();
  for (const key of keys) {
    const entry = decodeEntry(key, packages[key], path);
    if (entry.isRoot) continue;
    const parts = splitKey(key, path, limits.maxDepth);
    if (entry.workspacePath !== undefined) {
      if (!workspaceInfo.has(entry.workspacePath)) {
        throw new ParseError('MALFORMED', path, `package ${quote(key)} points at workspace ${quote(entry.workspacePath)}, which "workspaces" does not list`);
      }
      // Where a workspace is installed (linked) for its dependents; it is not a package.
      located.set(key, { key, parts, entry, workspace: workspaceId(entry.workspacePath) });
      continue;
    }
    const id = builder.addPackage({
      name: entry.name,
      version: entry.version,
      purl: npmPurl(entry.name, entry.version),
      resolved: entry.resolved,
      integrity: entry.integrity,
      source: entry.source,
      hasInstallScript: installScript(entry),
    });
    located.set(key, { key, parts, entry, id });
  }

  const resolve = (from: readonly string[], dep: string): Located | undefined => {
    for (let n = from.length; n >= 0; n--) {
      const hit = located.get(n === 0 ? dep : `${from.slice(0, n).join('/')}/${dep}`);
      if (hit) return hit;
    }
    return undefined;
  };

  for (const pkg of located.values()) {
    if (pkg.id === undefined) continue;
    for (const [group, kind] of PACKAGE_GROUPS) {
      for (const dep of dependencyNames(pkg.entry.info[group], pkg.key, path)) {
        const target = resolve(pkg.parts, dep);
        if (!target) {
          // Optional and peer dependencies bun did not install (other platform, unmet optional peer) stay absent.
          if (kind === 'prod') warnDangling(builder, pkg.id, dep, pkg.entry.info[group]);
          continue;
        }
        // A package that resolves to a workspace gets no edge: edges point at packages only.
        if (target.id !== undefined) builder.addPackageEdge(pkg.id, target.id, dep, kind);
      }
    }
  }

  for (const [workspacePath, workspace] of workspaceInfo) {
    const id = workspaceId(workspacePath);
    const prefix = workspacePath === '' || !workspace.name ? [] : [workspace.name];
    for (const [group, kind] of WORKSPACE_GROUPS) {
      for (const dep of dependencyNames(workspace.info[group], id, path)) {
        const target = resolve(prefix, dep);
        if (!target) {
          if (kind === 'prod' || kind === 'dev') warnDangling(builder, id, dep, workspace.info[group]);
          continue;
        }
        if (target.id !== undefined) builder.addWorkspaceEdge(id, target.id, dep, kind);
        else if (target.workspace !== undefined && target.workspace !== id) builder.addWorkspaceLink(id, target.workspace, dep, kind);
      }
    }
  }
  return builder.build();
}

interface WorkspaceInfo {
  readonly name?: string | undefined;
  readonly info: Record<string, unknown>;
}

function readWorkspaces(
  workspaces: Record<string, unknown>,
  builder: GraphBuilder,
  rootVersion: string | undefined,
  path: string,
): Map<string, WorkspaceInfo> {
  const result = new Map<string, WorkspaceInfo>();
  for (const [workspacePath, info] of Object.entries(workspaces)) {
    if (!isRecord(info)) throw new ParseError('MALFORMED', path, `workspace ${quote(workspacePath)} is not an object`);
    assertWorkspacePath(workspacePath, path);
    const name = optionalString(info['name']);
    if (name !== undefined && name !== '') assertPackageName(name, path);
    const version = optionalString(info['version']) ?? (workspacePath === '' ? rootVersion : undefined);
    builder.addWorkspace(workspaceId(workspacePath), name || undefined, version);
    result.set(workspacePath, { name: name || undefined, info });
  }
  if (!result.has('')) throw new ParseError('MALFORMED', path, 'has no root workspace ("") in "workspaces"');
  return result;
}

/** bun's workspace key (`""` for the root) as a workspace id (`.`). */
function workspaceId(workspacePath: string): string {
  return workspacePath === '' ? '.' : workspacePath;
}

function assertWorkspacePath(workspacePath: string, path: string): void {
  const bad =
    /[\u0000-\u001f\u007f<>"`\\]/u.test(workspacePath) ||
    workspacePath.startsWith('/') ||
    workspacePath.split('/').some((s) => s === '..' || s === '.');
  if (bad) throw new ParseError('INVALID_NAME', path, `workspace path ${quote(workspacePath)} is not a relative path inside the project`);
}

function splitKey(key: string, path: string, maxDepth: number): string[] {
  const segments = key.split('/');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const name = segment.startsWith('@') ? `${segment}/${segments[++i] ?? ''}` : segment;
    assertPackageName(name, path);
    parts.push(name);
  }
  if (parts.length > maxDepth) throw new ParseError('LIMIT_EXCEEDED', path, `package ${quote(key.slice(0, 80))} nests deeper than ${maxDepth} levels`);
  return parts;
}

function dependencyNames(group: unknown, owner: string, path: string): string[] {
  if (group === undefined) return [];
  if (!isRecord(group)) throw new ParseError('MALFORMED', path, `dependencies of ${quote(owner)} are not an object`);
  const names = Object.keys(group);
  for (const name of names) assertPackageName(name, path);
  return names;
}

function installScript(entry: BunEntry): boolean | undefined {
  // Recent bun (seen with lockfileVersion 2) writes `hasInstallScript: true`; nothing says that its absence
  // means "no scripts" (older lockfiles never record it), so absence stays unknown.
  return entry.info.hasInstallScript === true ? true : undefined;
}

/** A dependency that resolves to no entry: an out-of-sync or hand-trimmed lockfile. `from` is a package or workspace id. */
function warnDangling(builder: GraphBuilder, from: string, dep: string, group: unknown): void {
  const spec = isRecord(group) ? group[dep] : undefined;
  const reference = typeof spec === 'string' ? `${dep}@${spec}` : dep;
  builder.addWarning('DANGLING_DEPENDENCY', from, reference, `${quote(from)} depends on ${quote(reference)}, which "packages" does not hold`);
}

function emptyGraph(path: string, limits: ParseOptions['limits']): DependencyGraph {
  const builder = new GraphBuilder({ path, format: 'bun-lock', formatVersion: '', limits });
  builder.addWorkspace('.');
  return builder.build();
}

