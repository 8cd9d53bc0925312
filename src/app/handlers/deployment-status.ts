import { repositoryOf, sha } from '../check-request.js';
import type { InventoryHandler } from '../inventory-request.js';

/** `deployment_status` success: the deployed commit is snapshotted under the deployment's ref and recorded in its environment. */
export const onDeploymentStatus: InventoryHandler = (payload) => {
  const p = payload as { deployment_status?: { state?: unknown }; deployment?: { sha?: unknown; ref?: unknown; environment?: unknown } };
  const repository = repositoryOf(payload);
  const deployed = sha(p.deployment?.sha);
  const ref = p.deployment?.ref;
  const environment = p.deployment?.environment;
  if (!repository || p.deployment_status?.state !== 'success' || !deployed || typeof ref !== 'string' || ref.length === 0 || typeof environment !== 'string' || environment.length === 0) return undefined;
  return { ...repository, ref, sha: deployed, environment, reason: 'deployment_status.success' };
};
