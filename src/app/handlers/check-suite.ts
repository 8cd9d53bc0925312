import { type EventHandler, pullRequestNumber, repositoryOf, sha } from '../check-request.js';

/**
 * `check_suite` requested / rerequested: judged against the base of its pull
 * request. A suite with no pull request (a push to a branch) has no base to
 * judge against and asks for nothing.
 */
export const onCheckSuite: EventHandler = (payload) => {
  const p = payload as { action?: string; check_suite?: { head_sha?: unknown; pull_requests?: { number?: unknown; base?: { sha?: unknown } }[] } };
  if (p.action !== 'requested' && p.action !== 'rerequested') return undefined;
  const repository = repositoryOf(payload);
  const headSha = sha(p.check_suite?.head_sha);
  const baseSha = sha(p.check_suite?.pull_requests?.[0]?.base?.sha);
  if (!repository || !headSha || !baseSha) return undefined;
  return { ...repository, headSha, baseSha, pullRequest: pullRequestNumber(p.check_suite?.pull_requests?.[0]?.number), reason: `check_suite.${p.action}` };
};
