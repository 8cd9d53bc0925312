import { callbackRun } from '../../adapters/github/deployment-review.js';
import { repositoryOf, sha } from '../check-request.js';
import type { GateHandler } from '../deployment-gate-request.js';

interface DeploymentProtectionRulePayload {
  action?: unknown;
  environment?: unknown;
  sha?: unknown;
  ref?: unknown;
  deployment_callback_url?: unknown;
  deployment?: { sha?: unknown; ref?: unknown } | null;
}

/**
 * `deployment_protection_rule` requested: chaingate is a custom deployment
 * protection rule of the environment and must approve or reject this
 * deployment through the callback (for this repository's run only).
 */
export const onDeploymentProtectionRule: GateHandler = (payload) => {
  const p = payload as DeploymentProtectionRulePayload;
  const repository = repositoryOf(payload);
  const deployed = sha(p.sha) ?? sha(p.deployment?.sha);
  const ref = typeof p.ref === 'string' && p.ref.length > 0 ? p.ref : typeof p.deployment?.ref === 'string' ? p.deployment.ref : undefined;
  if (!repository || p.action !== 'requested' || !deployed || !ref || typeof p.environment !== 'string' || p.environment.length === 0 || p.environment.length > 255) return undefined;
  if (typeof p.deployment_callback_url !== 'string') return undefined;
  const runId = callbackRun(p.deployment_callback_url, { owner: repository.owner, repo: repository.repo });
  if (runId === undefined) return undefined;
  return { ...repository, environment: p.environment, sha: deployed, ref: ref.replace(/^refs\/(heads|tags)\//u, ''), runId, reason: 'deployment_protection_rule.requested' };
};
