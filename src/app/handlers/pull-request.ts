import { type EventHandler, pullRequestNumber, repositoryOf, sha } from '../check-request.js';

const JUDGED = new Set(['opened', 'synchronize', 'reopened']);

/** `pull_request` opened / synchronize / reopened, and edited when the base branch changed. */
export const onPullRequest: EventHandler = (payload) => {
  const p = payload as { action?: string; number?: unknown; changes?: { base?: unknown }; pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown } } };
  const wanted = JUDGED.has(p.action ?? '') || (p.action === 'edited' && p.changes?.base !== undefined);
  const repository = repositoryOf(payload);
  const headSha = sha(p.pull_request?.head?.sha);
  const baseSha = sha(p.pull_request?.base?.sha);
  if (!wanted || !repository || !headSha || !baseSha) return undefined;
  return { ...repository, headSha, baseSha, pullRequest: pullRequestNumber(p.number), reason: `pull_request.${p.action}` };
};
