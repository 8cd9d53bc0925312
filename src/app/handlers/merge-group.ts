import { type EventHandler, pullRequestNumber, repositoryOf, sha } from '../check-request.js';

/** GitHub names a group's branch `gh-readonly-queue/<base>/pr-<number>-<sha>` after the pull request it adds. */
const QUEUE_REF = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-(\d{1,9})-[0-9a-f]{40}$/u;

/**
 * `merge_group` checks_requested: the group's head judged against the branch
 * it will land on, with the overrides of the pull request it adds.
 */
export const onMergeGroup: EventHandler = (payload) => {
  const p = payload as { action?: string; merge_group?: { head_sha?: unknown; base_sha?: unknown; head_ref?: unknown } };
  const repository = repositoryOf(payload);
  const headSha = sha(p.merge_group?.head_sha);
  const baseSha = sha(p.merge_group?.base_sha);
  if (p.action !== 'checks_requested' || !repository || !headSha || !baseSha) return undefined;
  const queued = typeof p.merge_group?.head_ref === 'string' ? QUEUE_REF.exec(p.merge_group.head_ref)?.[1] : undefined;
  return { ...repository, headSha, baseSha, pullRequest: pullRequestNumber(queued === undefined ? undefined : Number(queued)), reason: 'merge_group.checks_requested' };
};
