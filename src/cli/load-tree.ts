import { stat } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { diskRepo } from '../adapters/fs/disk-repo.js';
import { type CheckSide, readSide } from '../core/check/read-side.js';
import { UsageError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import type { DependencyGraph } from '../core/model.js';
import type { ProgressListener, RepoFiles } from '../core/ports.js';
import { ecosystemReader } from '../ecosystems/reader.js';
import type { CliIo } from './io.js';

/** How the user named one side: `--base X` (a revision, or a path when no revision has that name) or `--base-file X` (a path). */
export interface TreeArgument {
  readonly value: string;
  /** The flag, for messages (`--base`, `--head-file`, `PATH`). */
  readonly flag: string;
  /**
   * `path`: only a file or directory; `either`: a git revision or a path, refused when it is both (sides
   * that are judged); `path-first`: a path when one exists, else a revision (`sbom PATH`, which judges nothing).
   */
  readonly accepts: 'path' | 'either' | 'path-first';
}

export interface LoadedSide {
  /** What the user named, for reports. */
  readonly label: string;
  /** The side as the check seam reads it. */
  readonly side: CheckSide;
  /** The directory a root name can be taken from, when the input is on disk. */
  readonly rootDir?: string;
  /** The tree the side belongs to (a directory or a git revision), for reading configuration from the same side; absent for a single file. */
  readonly tree?: RepoFiles;
  /** A git revision, with its repository: trusted paths are checked against it. */
  readonly revision?: { readonly repo: string; readonly name: string };
}

/**
 * Turns a command-line input into a side: a file is one lockfile or SBOM, a
 * directory is scanned for lockfiles, a git revision of `repoDir` is read
 * from the object store. A name that is both an existing path and a
 * revision is refused: a file or folder planted in the working tree must
 * never stand in for a revision (a pull request adding a file `main`).
 * @throws {UsageError} AMBIGUOUS for both readings, NOT_FOUND for neither.
 */
export async function resolveSide(argument: TreeArgument, repoDir: string, io: CliIo): Promise<LoadedSide> {
  const input = argument.value;
  const absolute = resolve(io.cwd, input);
  const kind = await fileKind(absolute);
  const repo = resolve(io.cwd, repoDir);
  const mayBeRevision = argument.accepts === 'either' || (argument.accepts === 'path-first' && kind === undefined);
  // git (node:child_process) loads only when the input may be a revision: an sbom of a path never needs it.
  const git = mayBeRevision || kind === undefined ? await import('../adapters/git/git-repo.js') : undefined;
  if (git && mayBeRevision && (await git.isCommit(repo, input))) {
    if (kind !== undefined) {
      throw new UsageError(
        'AMBIGUOUS',
        `${argument.flag} ${JSON.stringify(input)} names both a git revision and a ${kind} in the working tree: use ${argument.flag} ${JSON.stringify(`${input}^{commit}`)} for the revision, or ${argument.flag}-file ${JSON.stringify(input)} for the ${kind}`,
      );
    }
    const files = await git.gitRevision(repo, input);
    return { label: input, side: { files }, tree: files, revision: { repo, name: input } };
  }
  if (kind === 'file') {
    return { label: input, side: { files: diskRepo(dirname(absolute)), only: basename(absolute), reportAs: relative(io.cwd, absolute) || basename(absolute) }, rootDir: dirname(absolute) };
  }
  if (kind === 'directory') {
    const files = diskRepo(absolute);
    return { label: input, side: { files }, rootDir: absolute, tree: files };
  }
  if (argument.accepts === 'path') throw new UsageError('NOT_FOUND', `${argument.flag} ${JSON.stringify(input)}: no such file or directory`);
  // Resolve again to surface the precise reason (shallow clone, bad revision).
  await git?.gitRevision(repo, input);
  throw new UsageError('NOT_FOUND', `${JSON.stringify(input)} is neither a file, a directory nor a git revision of ${repo}`);
}

/** Reads a side's lockfiles (diff and sbom; check reads them through the seam, the same way). */
export async function readSideGraphs(loaded: LoadedSide, limits: Limits, exclude: ((path: string) => boolean) | undefined, onProgress: ProgressListener): Promise<DependencyGraph[]> {
  return (await readSide(ecosystemReader, loaded.side, { limits, exclude, onProgress })).map((r) => r.graph);
}

async function fileKind(path: string): Promise<'file' | 'directory' | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

