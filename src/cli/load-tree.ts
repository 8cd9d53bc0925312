import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { RepoFiles } from '../core/ports.js';
import { diskRepo } from '../adapters/fs/disk-repo.js';
import { gitRevision, isCommit } from '../adapters/git/git-repo.js';
import { parseRepoFile, scanRepository } from '../ecosystems/scan.js';
import type { CliIo } from './io.js';

export interface LoadedTree {
  /** What the user named, for reports. */
  readonly label: string;
  readonly graphs: DependencyGraph[];
  /** The directory a root name can be taken from, when the input is on disk. */
  readonly rootDir?: string;
  /** The input named one file rather than a tree. */
  readonly isFile: boolean;
  /** The tree itself (a directory or a git revision), for reading configuration from the same side. */
  readonly files?: RepoFiles;
}

/**
 * Turns a command-line input into graphs: an existing file is one lockfile or
 * SBOM; an existing directory is scanned for lockfiles; anything else must be
 * a git revision of `repoDir`, read from the object store.
 * @throws {UsageError} when it is none of these.
 */
export async function loadTree(input: string, repoDir: string, io: CliIo, limits: Limits, exclude?: (path: string) => boolean): Promise<LoadedTree> {
  const absolute = resolve(io.cwd, input);
  const kind = await fileKind(absolute);
  if (kind === 'file') {
    const files = diskRepo(dirname(absolute));
    const graph = await parseRepoFile(files, basename(absolute), limits);
    return { label: input, graphs: [{ ...graph, path: relative(io.cwd, absolute) || graph.path }], rootDir: dirname(absolute), isFile: true };
  }
  if (kind === 'directory') {
    const files = diskRepo(absolute);
    return { label: input, graphs: await scan(files, io, limits, exclude), rootDir: absolute, isFile: false, files };
  }
  const repo = resolve(io.cwd, repoDir);
  if (await isCommit(repo, input)) {
    const files = await gitRevision(repo, input);
    return { label: input, graphs: await scan(files, io, limits, exclude), isFile: false, files };
  }
  // Resolve again to surface the precise reason (shallow clone, bad revision).
  await gitRevision(repo, input);
  throw new UsageError('NOT_FOUND', `${JSON.stringify(input)} is neither a file, a directory nor a git revision of ${repo}`);
}

async function scan(files: RepoFiles, io: CliIo, limits: Limits, exclude: ((path: string) => boolean) | undefined): Promise<DependencyGraph[]> {
  return scanRepository(files, {
    limits,
    exclude,
    onLockfile: (path, index, total) => {
      if (io.interactive) io.stderr(`chaingate: reading ${path} (${index + 1}/${total}) from ${files.label}\n`);
    },
  });
}

async function fileKind(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

/** Two single files are compared with each other whatever their names. */
export function alignSingleFiles(base: LoadedTree, head: LoadedTree): [LoadedTree['graphs'], LoadedTree['graphs']] {
  const [baseGraph] = base.graphs;
  const [headGraph] = head.graphs;
  if (base.isFile && head.isFile && baseGraph && headGraph && baseGraph.path !== headGraph.path) {
    return [[{ ...baseGraph, path: headGraph.path }], [headGraph]];
  }
  return [base.graphs, head.graphs];
}
