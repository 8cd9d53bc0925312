import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../../core/errors.js';
import { tooLarge } from '../../core/read-text.js';
import type { RepoFiles } from '../../core/ports.js';

const run = promisify(execFile);

interface TreeEntry {
  readonly blob: string;
  readonly size: number;
}

/**
 * One commit of a git repository, read from git's object store with no
 * checkout, so the working tree (and whatever a pull request put there) is
 * never touched or executed.
 */
export async function gitRevision(repoDir: string, revision: string): Promise<RepoFiles> {
  const commit = await resolveCommit(repoDir, revision);
  let tree: Map<string, TreeEntry> | undefined;
  const loadTree = async (): Promise<Map<string, TreeEntry>> => (tree ??= await listTree(repoDir, commit));
  return {
    label: `${revision} (${commit.slice(0, 12)})`,
    listFiles: async () => [...(await loadTree()).keys()],
    readFile: async (path, maxBytes) => {
      const entry = (await loadTree()).get(path);
      if (!entry) return undefined;
      if (entry.size > maxBytes) {
        throw tooLarge(path, entry.size, maxBytes, ` at ${revision}`);
      }
      const { stdout } = await git(repoDir, ['cat-file', 'blob', entry.blob], { encoding: 'buffer', maxBuffer: entry.size + 1024 });
      return new Uint8Array(stdout);
    },
  };
}

/**
 * @throws {UsageError} NOT_FOUND when the revision is not a commit of the repository; SHALLOW_CLONE when it may be
 *   missing only because the clone is shallow (the message says how to fetch it).
 */
export async function resolveCommit(repoDir: string, revision: string): Promise<string> {
  if (revision.startsWith('-') || /[\u0000-\u001f]/u.test(revision)) {
    throw new UsageError('BAD_ARGUMENT', `${JSON.stringify(revision)} is not a git revision`);
  }
  try {
    const { stdout } = await git(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
    return stdout.toString().trim();
  } catch (cause) {
    if (await isShallow(repoDir)) {
      throw new UsageError(
        'SHALLOW_CLONE',
        `${JSON.stringify(revision)} is not a commit in ${repoDir}. The repository is a shallow clone: fetch the base commit too (actions/checkout with fetch-depth: 0, or git fetch --unshallow).`,
        { cause },
      );
    }
    throw new UsageError('NOT_FOUND', `${JSON.stringify(revision)} is not a commit in ${repoDir}.`, { cause });
  }
}

/** `true` when `revision` names a commit of the repository (used to tell refs from file paths). */
export async function isCommit(repoDir: string, revision: string): Promise<boolean> {
  try {
    await resolveCommit(repoDir, revision);
    return true;
  } catch {
    return false;
  }
}

/**
 * The tracked files under `path` (a file or a folder, relative to the
 * repository root) that differ between a commit and another commit, or the
 * working tree when `head` is `undefined`: added, changed or deleted.
 */
export async function changedUnder(repoDir: string, base: string, head: string | undefined, path: string): Promise<string[]> {
  const commits = [await resolveCommit(repoDir, base), ...(head === undefined ? [] : [await resolveCommit(repoDir, head)])];
  const { stdout } = await git(repoDir, ['diff', '--name-only', '--no-renames', '-z', ...commits, '--', `:(top,literal)${path}`]);
  return stdout.toString().split('\0').filter((p) => p !== '');
}

/**
 * Refuses a path the run trusts (offline advisories, a policy file) when it
 * lies in the repository and the change under review adds, changes or
 * deletes anything under it: a pull request must not supply the facts or
 * the rules it is judged by. Paths outside the repository are the
 * operator's own and pass. Without a head revision the head is the working
 * tree: its tracked files are compared with the base (files no commit holds
 * come from the workflow, not from the pull request).
 * @throws {UsageError} UNTRUSTED_PATH naming the input and the changed file
 */
export async function assertUnchangedByHead(repoDir: string, revisions: { readonly base: string; readonly head: string | undefined }, path: string, what: string): Promise<void> {
  const top = await realpathOf((await git(repoDir, ['rev-parse', '--show-toplevel'])).stdout.toString().trim());
  const inside = relative(top, await realpathOf(resolve(repoDir, path)));
  if (inside.startsWith('..') || isAbsolute(inside)) return;
  const changed = await changedUnder(repoDir, revisions.base, revisions.head, inside === '' ? '.' : inside.split(sep).join('/'));
  if (changed.length === 0) return;
  throw new UsageError(
    'UNTRUSTED_PATH',
    `${what} ${JSON.stringify(path)} is changed by the change under review (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}): it must come from the base side, not from the pull request; keep it outside the repository or unchanged`,
  );
}

/** The real path, also of a path that does not exist (yet, or any more): its nearest existing folder resolved, the rest appended. */
async function realpathOf(path: string): Promise<string> {
  const missing: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(await realpath(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return path;
      missing.push(basename(at));
    }
  }
}

async function isShallow(repoDir: string): Promise<boolean> {
  try {
    const { stdout } = await git(repoDir, ['rev-parse', '--is-shallow-repository']);
    return stdout.toString().trim() === 'true';
  } catch {
    return false;
  }
}

async function listTree(repoDir: string, commit: string): Promise<Map<string, TreeEntry>> {
  const { stdout } = await git(repoDir, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit], { maxBuffer: 512 * 1024 * 1024 });
  const entries = new Map<string, TreeEntry>();
  for (const record of stdout.toString().split('\0')) {
    // "<mode> <type> <object> <size>\t<path>"
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob, size] = record.slice(0, tab).split(/\s+/u);
    const path = record.slice(tab + 1);
    if (type !== 'blob' || !blob || path.split('/').includes('node_modules')) continue;
    entries.set(path, { blob, size: Number(size) });
  }
  return entries;
}

async function git(
  repoDir: string,
  args: string[],
  options: { encoding?: 'buffer'; maxBuffer?: number } = {},
): Promise<{ stdout: Buffer }> {
  try {
    const result = await run('git', ['-C', repoDir, ...args], { encoding: 'buffer', maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, timeout: 120_000 });
    return { stdout: result.stdout };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UsageError('NOT_FOUND', 'git is not installed or not on PATH; it is needed to read revisions', { cause: error });
    }
    throw error;
  }
}
