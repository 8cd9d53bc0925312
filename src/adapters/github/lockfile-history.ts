import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { readLockfiles } from '../../ecosystems/reader.js';
import { githubCommitFiles } from './api-repo-files.js';
import type { GitHubRequester, RepoRef } from './requester.js';

export interface LockfileHistoryQuery {
  /** Where the history starts: the default branch or its head SHA. */
  readonly ref: string;
  /** The lockfile's path in the repository. */
  readonly lockfile: string;
  readonly name: string;
  readonly affects: (version: string) => boolean;
  readonly limits: Limits;
  /** Earlier commits of the lockfile read at most (each is a tree and a blob request). */
  readonly maxCommits?: number | undefined;
}

const DEFAULT_MAX_COMMITS = 10;

/**
 * The versions of a package the lockfile held before the current one, newest
 * first, read from its git history through the API (the commits that touched
 * the lockfile, then the lockfile at each): the walk stops at the first commit
 * that held an unaffected version — the version the repository had before the
 * bad one. A commit whose lockfile cannot be read is passed over.
 */
export async function previousLockfileVersions(client: GitHubRequester, repository: RepoRef, query: LockfileHistoryQuery): Promise<string[]> {
  const max = query.maxCommits ?? DEFAULT_MAX_COMMITS;
  const { data } = await client.request('GET /repos/{owner}/{repo}/commits', { ...repository, sha: query.ref, path: query.lockfile, per_page: max + 1 });
  const versions: string[] = [];
  // The first commit is the one that wrote the lockfile as it is now.
  for (const commit of data.slice(1, max + 1)) {
    let held: string[];
    try {
      const [read] = await readLockfiles(githubCommitFiles(client, repository, commit.sha), { limits: query.limits, only: query.lockfile });
      held = [...read!.graph.packages.values()].filter((n) => n.name === query.name && n.source === 'registry').map((n) => n.version);
    } catch (error) {
      if (error instanceof ParseError) continue;
      throw error;
    }
    for (const version of held.sort().reverse()) if (!versions.includes(version)) versions.push(version);
    if (held.some((v) => !query.affects(v))) break;
  }
  return versions;
}
