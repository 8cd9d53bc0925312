import { RERUN_ACTION } from '../../adapters/github/index.js';
import { type EventHandler, pullRequestNumber, repositoryOf, sha } from '../check-request.js';
import { CHECK_NAME } from '../check-name.js';

/** `check_run` rerequested (the Checks UI) or requested_action "Re-run" (our button), for chaingate's own run. */
export const onCheckRun: EventHandler = (payload) => {
  const p = payload as {
    action?: string;
    requested_action?: { identifier?: unknown };
    check_run?: { id?: unknown; name?: unknown; head_sha?: unknown; pull_requests?: { number?: unknown; base?: { sha?: unknown } }[] };
  };
  const rerun = p.action === 'rerequested' || (p.action === 'requested_action' && p.requested_action?.identifier === RERUN_ACTION.identifier);
  const run = p.check_run;
  const repository = repositoryOf(payload);
  const headSha = sha(run?.head_sha);
  const baseSha = sha(run?.pull_requests?.[0]?.base?.sha);
  if (!rerun || run?.name !== CHECK_NAME || typeof run.id !== 'number' || !repository || !headSha || !baseSha) return undefined;
  return { ...repository, headSha, baseSha, checkRunId: run.id, pullRequest: pullRequestNumber(run.pull_requests?.[0]?.number), reason: `check_run.${p.action}` };
};
