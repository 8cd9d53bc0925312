import { ParseError } from '../../core/errors.js';
import type { PackageMetadata } from '../../core/facts.js';
import type { Limits } from '../../core/limits.js';
import type { DependencyGraph } from '../../core/model.js';
import type { RepoFiles } from '../../core/ports.js';
import { readText } from '../../core/read-text.js';
import type { Change } from '../../core/diff/index.js';
import {
  applyManifestEdits,
  type AffectedPackage,
  type Manifest,
  type ManifestEdit,
  planRemediation,
  type PlannedPackage,
  type RemediationPlan,
  verifyRegenerated,
} from '../../core/remediation/index.js';
import { parseLockfile } from '../../ecosystems/detect.js';
import { readLockfiles } from '../../ecosystems/reader.js';
import type { RegenerateRequest } from '../package-managers/regenerate.js';
import { declaredRangesOf } from './declared-ranges.js';

/** What the package manager is asked to do; the shell adds its environment, registry and limits. */
export type LockfileRegeneration = Pick<RegenerateRequest, 'manager' | 'format' | 'lockfile' | 'files' | 'pinnedFirst' | 'pins' | 'overridden'>;

export interface RemediateOptions {
  /** The tree the lockfile and its manifests are read from (a checkout, a commit through the API). */
  readonly files: RepoFiles;
  /** The lockfile's path in that tree: `package-lock.json`, `apps/web/pnpm-lock.yaml`. */
  readonly lockfile: string;
  readonly affected: readonly AffectedPackage[];
  /** The registry's view of a package (asked only for packages the lockfile holds an affected version of). */
  readonly metadata: (name: string) => Promise<PackageMetadata>;
  /** Versions of a package this lockfile held in earlier commits, newest first: preferred revert targets. */
  readonly previousVersions?: ((name: string) => Promise<readonly string[]>) | undefined;
  readonly limits: Limits;
  /** Plan only: the package manager does not run. */
  readonly dryRun?: boolean | undefined;
  /** Runs the real package manager (regenerateLockfile with the shell's environment) and returns the lockfile it wrote. */
  readonly regenerate: (request: LockfileRegeneration) => Promise<string>;
}

export type RemediationOutcome =
  /** `not-exposed`: nothing to do; `manual`: some version cannot be remedied automatically; `planned`: a dry run. */
  | { readonly status: 'not-exposed' | 'manual' | 'planned'; readonly lockfile: string; readonly plans: readonly RemediationPlan[] }
  /** The package manager's result went beyond the plans: nothing may be written. */
  | { readonly status: 'refused'; readonly lockfile: string; readonly plans: readonly RemediationPlan[]; readonly problems: readonly string[]; readonly changes: readonly Change[] }
  /** `files`: the changed manifests and lockfile, by path in the tree, and nothing else. */
  | { readonly status: 'ready'; readonly lockfile: string; readonly plans: readonly RemediationPlan[]; readonly changes: readonly Change[]; readonly files: ReadonlyMap<string, string> };

/**
 * Plan, apply and verify for one lockfile, the same for every shell: read the
 * lockfile and each workspace's manifest from the tree, plan each affected
 * package, write the manifest edits, have the real package manager regenerate
 * the lockfile, and keep the result only when chaingate's own diff shows
 * exactly the planned change.
 * @throws {ParseError} for an unreadable lockfile or manifest; {@link UpstreamError} when the registry or package manager fails.
 */
export async function remediateLockfile(options: RemediateOptions): Promise<RemediationOutcome> {
  const { limits, lockfile } = options;
  const [read] = await readLockfiles(options.files, { limits, only: lockfile });
  const graph = read!.graph;
  const dir = lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/') + 1) : '';
  const name = lockfile.slice(dir.length);
  const files = await projectFiles(options.files, dir, name, graph, limits.maxBytes);
  const manifests = parseManifests(files, dir);
  const declaredRanges = declaredRangesOf(graph.format, files.get(name)!, lockfile, limits);

  const planned: PlannedPackage[] = [];
  for (const pkg of options.affected) {
    const exposed = [...graph.packages.values()].some((node) => node.name === pkg.name && node.source === 'registry' && pkg.affects(node.version));
    const metadata = exposed ? await options.metadata(pkg.name) : { ecosystem: 'npm', name: pkg.name, versions: new Map(), maintainers: [] };
    const previousVersions = exposed && options.previousVersions ? await options.previousVersions(pkg.name) : undefined;
    const parentMetadata = exposed && pkg.advisory.fixedVersions.length > 0 && !pkg.advisory.malware ? await parentsMetadata(graph, pkg, options.metadata) : undefined;
    planned.push({ plan: planRemediation({ graph, manifests, affected: pkg, metadata, declaredRanges, previousVersions, parentMetadata }), affects: pkg.affects });
  }
  const plans = planned.map((p) => p.plan);
  if (plans.some((p) => p.status === 'manual')) return { status: 'manual', lockfile, plans };
  if (plans.every((p) => p.status === 'not-exposed')) return { status: 'not-exposed', lockfile, plans };
  if (options.dryRun) return { status: 'planned', lockfile, plans };

  const edited = new Map(files);
  const pinned = new Map<string, string>();
  for (const [manifest, edits] of groupBy(plans.flatMap((p) => p.edits), (e) => e.manifest)) {
    // A parent pinned for the first pass keeps its range: the manifest is left byte for byte.
    const changes = edits.filter((e) => e.from !== e.to);
    if (changes.length > 0) edited.set(manifest, editManifest(dir + manifest, files.get(manifest)!, changes, false));
    if (edits.some((e) => e.pin !== undefined)) pinned.set(manifest, editManifest(dir + manifest, files.get(manifest)!, edits, true));
  }
  const manager = plans.find((p) => p.status === 'ready')!.manager;
  const newLock = await options.regenerate({
    manager,
    format: graph.format,
    lockfile: name,
    files: edited,
    pinnedFirst: pinned.size > 0 ? pinned : undefined,
    pins: plans.flatMap((p) => p.edits.flatMap((e) => (e.pin === undefined ? [] : [{ name: e.key[e.key.length - 1]!, pin: e.pin, range: e.to }]))),
    overridden: manager !== 'npm' ? undefined : plans.filter((p) => p.edits.some((e) => e.manifest === 'package.json' && e.key[e.key.length - 2] === 'overrides')).map((p) => p.package),
  });
  const after = await parseLockfile(newLock, { path: lockfile, limits, openSibling: async (p) => edited.get(p) });
  const verification = verifyRegenerated(planned, graph, after);
  if (verification.problems.length > 0) return { status: 'refused', lockfile, plans, problems: verification.problems, changes: verification.changes };
  edited.set(name, newLock);
  const changed = new Map([...edited].filter(([path, content]) => content !== files.get(path)).map(([path, content]) => [dir + path, content] as const));
  return { status: 'ready', lockfile, plans, changes: verification.changes, files: changed };
}

const MAX_PARENTS = 5;

/** Registry metadata of the packages that depend on an affected version (a few), for an in-range parent update. */
async function parentsMetadata(graph: DependencyGraph, pkg: AffectedPackage, metadata: RemediateOptions['metadata']): Promise<Map<string, PackageMetadata>> {
  const affectedIds = new Set([...graph.packages.values()].filter((n) => n.name === pkg.name && pkg.affects(n.version)).map((n) => n.id));
  const names = new Set<string>();
  for (const node of graph.packages.values()) {
    if (node.source === 'registry' && node.dependencies.some((edge) => affectedIds.has(edge.to))) names.add(node.name);
  }
  const out = new Map<string, PackageMetadata>();
  for (const name of [...names].sort().slice(0, MAX_PARENTS)) out.set(name, await metadata(name));
  return out;
}

/** The lockfile and every workspace's package.json (paths relative to the lockfile's folder): all a package manager needs, nothing else. */
async function projectFiles(tree: RepoFiles, dir: string, lockfile: string, graph: DependencyGraph, maxBytes: number): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  files.set(lockfile, (await readText(tree, dir + lockfile, maxBytes))!);
  for (const id of [...graph.workspaces.keys()].sort()) {
    const path = id === '.' ? 'package.json' : `${id}/package.json`;
    const text = await readText(tree, dir + path, maxBytes);
    if (text === undefined) throw new ParseError('NOT_FOUND', dir + path, `is missing, though ${dir + lockfile} names workspace ${JSON.stringify(id)}`);
    files.set(path, text);
  }
  // pnpm reads its workspaces (and may read overrides) from here.
  const pnpmWorkspace = graph.format === 'pnpm-lock' ? await readText(tree, `${dir}pnpm-workspace.yaml`, maxBytes) : undefined;
  if (pnpmWorkspace !== undefined) files.set('pnpm-workspace.yaml', pnpmWorkspace);
  return files;
}

function parseManifests(files: ReadonlyMap<string, string>, dir: string): Map<string, Manifest> {
  const manifests = new Map<string, Manifest>();
  for (const [path, text] of files) {
    if (!path.endsWith('package.json')) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new ParseError('MALFORMED', dir + path, 'is not JSON', { cause });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ParseError('MALFORMED', dir + path, 'is not a JSON object');
    manifests.set(path === 'package.json' ? '.' : path.slice(0, -'/package.json'.length), json as Manifest);
  }
  return manifests;
}

function editManifest(path: string, text: string, edits: readonly ManifestEdit[], pinned: boolean): string {
  try {
    return applyManifestEdits(text, edits, { pinned });
  } catch (cause) {
    throw new ParseError('MALFORMED', path, cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
