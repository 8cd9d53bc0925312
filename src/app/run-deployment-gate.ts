import { reviewDeployment } from '../adapters/github/deployment-review.js';
import { githubCommitFiles, type GitHubRequester } from '../adapters/github/index.js';
import { ParseError } from '../core/errors.js';
import { componentsOf } from '../core/inventory/components.js';
import type { Limits } from '../core/limits.js';
import type { Inventory } from '../core/ports.js';
import { type DeployedComponent, type DeploymentDecision, decideDeployment, type OpenIncidentAffected } from '../core/response/deployment-decision.js';
import { readLockfiles } from '../ecosystems/reader.js';
import type { DeploymentGateRequest } from './deployment-gate-request.js';
import type { OpenIncidentsLookup } from './open-incidents.js';

export interface DeploymentGateDependencies {
  readonly openIncidents: OpenIncidentsLookup;
  /** The inventory, when its snapshot of the ref is the deployed commit, answers without reading the tree. */
  readonly inventory?: Inventory | undefined;
  readonly clientFor: (installationId: number) => Promise<GitHubRequester>;
  readonly limits: Limits;
}

/**
 * Decides a deployment waiting on chaingate's protection rule and sends the
 * review: rejected when the deployed commit holds a tier-1 exposure to an
 * open incident (or its lockfiles cannot be read while one is open), else approved.
 * @throws GitHub failures, for the queue to retry (the deployment keeps waiting meanwhile).
 */
export async function runDeploymentGate(deps: DeploymentGateDependencies, request: DeploymentGateRequest): Promise<DeploymentDecision> {
  const client = await deps.clientFor(request.installationId);
  const affected = await deps.openIncidents.affecting(`${request.owner}/${request.repo}`);
  let decision: DeploymentDecision;
  try {
    const components = affected.length === 0 ? [] : await deployedComponents(deps, client, request, affected);
    decision = decideDeployment(request.environment, components, affected);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    // An open incident and a commit whose dependencies cannot be read: fail closed, saying which file.
    decision = { state: 'rejected', blocking: [], comment: `chaingate: deployment rejected: an open incident may affect this repository and ${error.message.slice(0, 500)}` };
  }
  await reviewDeployment(client, { owner: request.owner, repo: request.repo, runId: request.runId, environment: request.environment, state: decision.state, comment: decision.comment });
  return decision;
}

async function deployedComponents(deps: DeploymentGateDependencies, client: GitHubRequester, request: DeploymentGateRequest, affected: readonly OpenIncidentAffected[]): Promise<DeployedComponent[]> {
  const repository = { owner: request.owner, name: request.repo };
  const stored = deps.inventory ? await deps.inventory.snapshotState(repository, request.ref) : undefined;
  if (deps.inventory && stored?.sha === request.sha) {
    const queries = affected.map((a) => ({ ecosystem: a.ecosystem, name: a.name, versions: a.versions, matches: a.affects }));
    const { exposures } = await deps.inventory.findExposures(queries);
    return exposures.filter((e) => e.repository === `${request.owner}/${request.repo}` && e.ref === request.ref && e.sha === request.sha);
  }
  const files = githubCommitFiles(client, { owner: request.owner, repo: request.repo }, request.sha);
  const lockfiles = await readLockfiles(files, { limits: deps.limits });
  return componentsOf(lockfiles.map((l) => l.graph));
}
