import { isDependencyFile } from '../../adapters/github/index.js';
import { repositoryOf, sha } from '../check-request.js';
import type { InventoryHandler } from '../inventory-request.js';

/** GitHub lists at most this many commits in a push payload; a longer push may have changed anything. */
const PAYLOAD_COMMIT_LIMIT = 20;

interface PushPayload {
  ref?: unknown;
  after?: unknown;
  deleted?: unknown;
  repository?: { default_branch?: unknown };
  commits?: { added?: unknown; modified?: unknown; removed?: unknown }[];
}

/** `push` to the default branch that changed a lockfile or manifest (by the payload's commits): snapshot the new head. */
export const onPush: InventoryHandler = (payload) => {
  const p = payload as PushPayload;
  const repository = repositoryOf(payload);
  const branch = p.repository?.default_branch;
  const after = sha(p.after);
  if (!repository || typeof branch !== 'string' || p.ref !== `refs/heads/${branch}` || p.deleted === true || !after || /^0+$/u.test(after)) return undefined;
  if (!changedDependencies(p.commits)) return undefined;
  return { ...repository, ref: branch, sha: after, reason: 'push' };
};

function changedDependencies(commits: PushPayload['commits']): boolean {
  if (!Array.isArray(commits) || commits.length === 0 || commits.length >= PAYLOAD_COMMIT_LIMIT) return true;
  return commits.some((commit) =>
    [commit.added, commit.modified, commit.removed].some((paths) => Array.isArray(paths) && paths.some((path) => typeof path === 'string' && isDependencyFile(path, []))),
  );
}
