import { createHash } from 'node:crypto';
import { componentsOf } from '../../core/inventory/components.js';
import { UsageError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import type { Inventory, RepoFiles, RepositoryName } from '../../core/ports.js';
import { readOnce } from '../../core/read-once.js';
import { readLockfiles } from '../../ecosystems/reader.js';
import { findLockfiles } from '../../ecosystems/scan.js';

/** Files besides lockfiles that change what a lockfile means (manifests, workspace and package-manager settings). */
const CONTEXT_FILES = new Set(['package.json', 'pnpm-workspace.yaml', '.yarnrc.yml', '.npmrc', 'bunfig.toml']);

export interface IngestRequest {
  readonly repository: RepositoryName;
  readonly ref: string;
  readonly sha: string;
  /** The tree at `sha`: a directory (CLI), a git revision, or a tree read through the GitHub API (App). */
  readonly files: RepoFiles;
  /** Only this file of the tree (a lockfile or an SBOM) instead of every lockfile in it. */
  readonly only?: string | undefined;
  /** Record that `sha` is deployed to this environment (from a `deployment_status` success). */
  readonly environment?: string | undefined;
  readonly limits: Limits;
  readonly now: Date;
  /** Lockfile paths to leave out. */
  readonly exclude?: ((path: string) => boolean) | undefined;
  /** Record a tree without any lockfile as an empty snapshot (the App) instead of refusing it (the CLI). */
  readonly allowEmpty?: boolean | undefined;
}

export interface IngestResult {
  /** `unchanged`: same files, same commit (nothing parsed or written); `moved`: same files, new commit (only the SHA updated). */
  readonly outcome: 'written' | 'moved' | 'unchanged';
  readonly lockfiles: readonly string[];
  /** Components stored (0 when nothing was parsed). */
  readonly components: number;
}

/**
 * The one ingest the CLI and the App call: digest the dependency files of a
 * tree; when the stored snapshot of (repository, ref) has the same digest,
 * parse nothing (and write nothing for the same commit); otherwise parse
 * every lockfile and replace the snapshot in one transaction. A malformed
 * file throws before anything is written.
 * @throws {ParseError} naming the file and the reason; {@link UsageError} NO_LOCKFILE.
 */
export async function ingestSnapshot(inventory: Inventory, request: IngestRequest): Promise<IngestResult> {
  // The digest reads every dependency file; a parse after it reads the same bytes, not the tree again.
  const files = readOnce(request.files);
  const listed = request.only === undefined ? await files.listFiles() : [request.only];
  const lockfiles = request.only === undefined ? findLockfiles(listed).filter((p) => !request.exclude?.(p)) : [request.only];
  if (lockfiles.length === 0 && !request.allowEmpty) {
    throw new UsageError('NO_LOCKFILE', `no lockfile found in ${files.label} (looked for package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock)`);
  }
  const contextFiles = request.only === undefined ? listed.filter((p) => CONTEXT_FILES.has(p.slice(p.lastIndexOf('/') + 1)) && !p.split('/').includes('node_modules')) : [];
  const contentHash = await digest(files, [...new Set([...lockfiles, ...contextFiles])].sort(), request.limits);

  const stored = await inventory.snapshotState(request.repository, request.ref);
  let outcome: IngestResult['outcome'] | 'stale' = 'stale';
  let components = 0;
  if (stored && stored.contentHash === contentHash) {
    outcome = await inventory.moveSnapshot(request.repository, request.ref, contentHash, request.sha, request.now);
  }
  if (outcome === 'stale') {
    const graphs = [];
    // The lockfiles the digest covered, read through the one lockfile reader (SBOMs too, for `only`).
    for (const only of lockfiles) graphs.push(...(await readLockfiles(files, { limits: request.limits, only })).map((r) => r.graph));
    const rows = componentsOf(graphs);
    components = rows.length;
    outcome = await inventory.writeSnapshot({ repository: request.repository, ref: request.ref, sha: request.sha, scannedAt: request.now, contentHash, components: rows });
  }
  if (request.environment !== undefined) await inventory.recordDeployment(request.repository, request.environment, request.sha, request.now);
  return { outcome, lockfiles, components };
}

async function digest(files: RepoFiles, paths: readonly string[], limits: Limits): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) {
    const bytes = await files.readFile(path, limits.maxBytes);
    if (!bytes) continue;
    hash.update(`${path}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  }
  return `sha256:${hash.digest('hex')}`;
}
