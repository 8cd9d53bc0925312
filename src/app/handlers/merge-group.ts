import { type EventHandler, repositoryOf, sha } from '../check-request.js';

/** `merge_group` checks_requested: the group's head judged against the branch it will land on. */
export const onMergeGroup: EventHandler = (payload) => {
  const p = payload as { action?: string; merge_group?: { head_sha?: unknown; base_sha?: unknown } };
  const repository = repositoryOf(payload);
  const headSha = sha(p.merge_group?.head_sha);
  const baseSha = sha(p.merge_group?.base_sha);
  if (p.action !== 'checks_requested' || !repository || !headSha || !baseSha) return undefined;
  return { ...repository, headSha, baseSha, reason: 'merge_group.checks_requested' };
};
