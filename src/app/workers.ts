import type { Logger } from 'probot';
import type { Verifier } from '@sigstore/verify';
import { ParseError } from '../core/errors.js';
import type { CommentAuthor } from '../adapters/github/index.js';
import { DELIVERY_QUEUE, type Deliveries, type Inventory, type Jobs, type Overrides } from '../core/ports.js';
import type { CheckRequest } from './check-request.js';
import type { DeploymentGateRequest } from './deployment-gate-request.js';
import type { ApprovalRequestJob } from './approve-command.js';
import { approvalHandlers, eventHandlers, gateHandlers, installationHandlers, inventoryHandlers, overrideHandlers, releaseHandlers } from './handlers/registry.js';
import type { IncidentApprovals } from './incident-approvals.js';
import { applyRepositoriesChange, type InstallationWorkerDependencies, workBackfills } from './installation-worker.js';
import { enqueueRelease, type ReleaseWorkerDependencies, workReleases } from './release-worker.js';
import type { InventoryRequest } from './inventory-request.js';
import type { OpenIncidentsLookup } from './open-incidents.js';
import { runApproval } from './run-approval.js';
import { runDeploymentGate } from './run-deployment-gate.js';
import type { AppMetrics } from './metrics.js';
import { type CheckDependencies, runCheckRequest } from './run-check-request.js';
import { runInventoryRequest } from './run-inventory-request.js';
import type { OverrideRequest } from './override-request.js';
import { runOverrideRequest } from './run-override-request.js';

/** One check job per (repository, head SHA) at a time: a push and its check suite never race to create two runs. */
export const CHECK_QUEUE = 'chaingate-check';
export const CHECK_RETRY_LIMIT = 3;
/** Snapshots for the inventory, one job per (repository, ref, commit, environment). */
export const INVENTORY_QUEUE = 'chaingate-inventory';
/** Maintainers' `/chaingate` commands, one job per comment. */
export const OVERRIDE_QUEUE = 'chaingate-override';
/** Reviews of deployments waiting on chaingate's protection rule, one job per (run, environment). */
export const DEPLOYMENT_GATE_QUEUE = 'chaingate-deployment-gate';
/** `/chaingate approve` commands, one job per command comment. */
export const APPROVAL_QUEUE = 'chaingate-approval';

interface CheckJob {
  readonly request: CheckRequest;
  /** When the delivery that asked for it arrived (ms since the epoch), for the latency metric. */
  readonly receivedAt: number;
}

export interface WorkerDependencies {
  readonly jobs: Jobs;
  readonly deliveries: Deliveries;
  readonly check: CheckDependencies;
  /** The store's inventory; without it (tests on the in-process queue) inventory events are ignored. */
  readonly inventory?: Inventory | undefined;
  /** The store's overrides; without them (tests on the in-process queue) commands are ignored. */
  readonly overrides?: Overrides | undefined;
  /** The identity the App comments as. */
  readonly appAuthor: () => Promise<CommentAuthor>;
  /** The open incidents; without them deployment protection rule events are ignored. */
  readonly openIncidents?: OpenIncidentsLookup | undefined;
  /** The incident store's approvals; without it approval commands are ignored. */
  readonly approvals?: IncidentApprovals | undefined;
  readonly metrics: AppMetrics;
  readonly log: Logger;
  /** First retry delay of a check job, in seconds. */
  readonly retryDelaySeconds: number;
  readonly concurrency: number;
  /** Release checks: Sigstore verification against the trusted root, where assets are uploaded, chaingate's version for the SBOM. */
  readonly release: { readonly verifier: Verifier; readonly uploadsRoot: string; readonly toolVersion: string };
  /** Repositories an installation backfill snapshots at once (2). */
  readonly backfillConcurrency?: number | undefined;
}

/**
 * Registers the workers: a delivery becomes the check, inventory snapshot,
 * release check or installation change it asks for (or nothing); check,
 * inventory, release and backfill jobs do the work. All of it runs from the
 * queue, after the webhook was acknowledged.
 */
export async function startWorkers(deps: WorkerDependencies): Promise<void> {
  const { jobs, deliveries, metrics, log } = deps;
  const enqueueCheck = async (request: CheckRequest, receivedAt: number, keySuffix: string): Promise<boolean> => {
    const queued = await jobs.enqueue(CHECK_QUEUE, { request, receivedAt } satisfies CheckJob, {
      singletonKey: `${request.owner}/${request.repo}@${request.headSha}${keySuffix}`,
      retryLimit: CHECK_RETRY_LIMIT,
      retryDelaySeconds: deps.retryDelaySeconds,
    });
    return queued !== undefined;
  };
  const { clientFor, limits, now } = deps.check;
  const releases: ReleaseWorkerDependencies = {
    jobs,
    release: { ...deps.release, clientFor, limits, now },
    inventory: deps.inventory,
    inventoryQueue: INVENTORY_QUEUE,
    log,
    retryLimit: CHECK_RETRY_LIMIT,
    retryDelaySeconds: deps.retryDelaySeconds,
  };
  const installations: InstallationWorkerDependencies | undefined = deps.inventory && {
    jobs,
    inventory: deps.inventory,
    snapshot: { clientFor, limits, now },
    log,
    concurrency: deps.backfillConcurrency ?? 2,
    retryLimit: CHECK_RETRY_LIMIT,
    retryDelaySeconds: deps.retryDelaySeconds,
  };
  await jobs.work(DELIVERY_QUEUE, async (job) => {
    const id = (job.payload as { deliveryId?: unknown }).deliveryId;
    const delivery = typeof id === 'string' ? await deliveries.get(id) : undefined;
    if (!delivery) {
      log.warn({ jobId: job.id }, 'queued delivery not found in the store');
      return;
    }
    const request = eventHandlers.get(delivery.event)?.(delivery.payload);
    if (request) {
      // A run named by id (a re-run) is only updated, so it cannot race a creation; it must not be dropped either.
      const queued = await enqueueCheck(request, delivery.receivedAt.getTime(), request.checkRunId === undefined ? '' : `#${delivery.id}`);
      log.info({ delivery: delivery.id, reason: request.reason, repository: `${request.owner}/${request.repo}`, headSha: request.headSha, queued }, 'check requested');
    }
    const command = deps.overrides ? overrideHandlers.get(delivery.event)?.(delivery.payload) : undefined;
    if (command) {
      const queued = await jobs.enqueue(OVERRIDE_QUEUE, command, {
        singletonKey: `${command.owner}/${command.repo}#comment-${command.commentId}`,
        retryLimit: CHECK_RETRY_LIMIT,
        retryDelaySeconds: deps.retryDelaySeconds,
      });
      log.info({ delivery: delivery.id, repository: `${command.owner}/${command.repo}`, pullRequest: command.pullRequest, command: command.command.kind, queued: queued !== undefined }, 'command received');
    }
    const ingest = deps.inventory ? inventoryHandlers.get(delivery.event)?.(delivery.payload) : undefined;
    if (ingest) {
      const queued = await jobs.enqueue(INVENTORY_QUEUE, ingest, {
        singletonKey: `${ingest.owner}/${ingest.repo}@${ingest.ref}:${ingest.sha}${ingest.environment === undefined ? '' : `>${ingest.environment}`}`,
        retryLimit: CHECK_RETRY_LIMIT,
        retryDelaySeconds: deps.retryDelaySeconds,
      });
      log.info({ delivery: delivery.id, reason: ingest.reason, repository: `${ingest.owner}/${ingest.repo}`, ref: ingest.ref, sha: ingest.sha, queued: queued !== undefined }, 'inventory snapshot requested');
    }
    const release = releaseHandlers.get(delivery.event)?.(delivery.payload);
    if (release) {
      const queued = await enqueueRelease(releases, release);
      log.info({ delivery: delivery.id, reason: release.reason, repository: `${release.owner}/${release.repo}`, tag: release.tag, queued: queued !== undefined }, 'release check requested');
    }
    const change = installations ? installationHandlers.get(delivery.event)?.(delivery.payload) : undefined;
    if (installations && change) {
      const { queued, removed } = await applyRepositoriesChange(installations, change);
      log.info({ delivery: delivery.id, reason: change.reason, added: change.added.length, queued, removed }, 'installation repositories changed');
    }
    const gate = deps.openIncidents ? gateHandlers.get(delivery.event)?.(delivery.payload) : undefined;
    if (gate) {
      const queued = await jobs.enqueue(DEPLOYMENT_GATE_QUEUE, gate, {
        singletonKey: `${gate.owner}/${gate.repo}#${gate.runId}>${gate.environment}`,
        retryLimit: CHECK_RETRY_LIMIT,
        retryDelaySeconds: deps.retryDelaySeconds,
      });
      log.info({ delivery: delivery.id, repository: `${gate.owner}/${gate.repo}`, environment: gate.environment, sha: gate.sha, queued: queued !== undefined }, 'deployment review requested');
    }
    const approval = deps.approvals ? approvalHandlers.get(delivery.event)?.(delivery.payload) : undefined;
    if (approval) {
      const queued = await jobs.enqueue(APPROVAL_QUEUE, approval, {
        singletonKey: `${approval.owner}/${approval.repo}#${approval.issueNumber}:${approval.commentId}`,
        retryLimit: CHECK_RETRY_LIMIT,
        retryDelaySeconds: deps.retryDelaySeconds,
      });
      log.info({ delivery: delivery.id, repository: `${approval.owner}/${approval.repo}`, issue: approval.issueNumber, incident: approval.incident, queued: queued !== undefined }, 'approval command received');
    }
    await deliveries.finish(delivery.id, { ok: true });
    metrics.deliveryProcessed();
  });
  await jobs.work(
    CHECK_QUEUE,
    async (job) => {
      const { request, receivedAt } = job.payload as CheckJob;
      const last = job.attempt > CHECK_RETRY_LIMIT;
      try {
        const conclusion = await runCheckRequest(deps.check, request, { attempt: job.attempt, last });
        metrics.checkCompleted((Date.now() - receivedAt) / 1000);
        log.info({ repository: `${request.owner}/${request.repo}`, headSha: request.headSha, conclusion, attempt: job.attempt }, 'check completed');
      } catch (error) {
        log.warn({ err: error, repository: `${request.owner}/${request.repo}`, headSha: request.headSha, attempt: job.attempt }, last ? 'check failed for good' : 'check failed; retrying');
        if (last) metrics.deliveryFailed();
        throw error;
      }
    },
    { concurrency: deps.concurrency },
  );
  const openIncidents = deps.openIncidents;
  if (openIncidents) {
    await jobs.work(DEPLOYMENT_GATE_QUEUE, async (job) => {
      const request = job.payload as DeploymentGateRequest;
      const where = { repository: `${request.owner}/${request.repo}`, environment: request.environment, sha: request.sha, attempt: job.attempt };
      try {
        const decision = await runDeploymentGate({ openIncidents, inventory: deps.inventory, clientFor: deps.check.clientFor, limits: deps.check.limits }, request);
        log.info({ ...where, state: decision.state, blocking: decision.blocking.length }, 'deployment reviewed');
      } catch (error) {
        log.warn({ ...where, err: error }, 'deployment review failed; retrying');
        throw error;
      }
    });
  }
  const approvals = deps.approvals;
  if (approvals) {
    await jobs.work(APPROVAL_QUEUE, async (job) => {
      const request = job.payload as ApprovalRequestJob;
      const where = { repository: `${request.owner}/${request.repo}`, issue: request.issueNumber, incident: request.incident, approver: request.approver.login, attempt: job.attempt };
      try {
        const decision = await runApproval({ approvals, clientFor: deps.check.clientFor }, request);
        log.info({ ...where, outcome: decision?.outcome ?? 'answered before' }, 'approval command answered');
      } catch (error) {
        log.warn({ ...where, err: error }, 'approval command failed; retrying');
        throw error;
      }
    });
  }
  const overrides = deps.overrides;
  if (overrides) {
    await jobs.work(OVERRIDE_QUEUE, async (job) => {
      const command = job.payload as OverrideRequest;
      const outcome = await runOverrideRequest(
        {
          clientFor: deps.check.clientFor,
          overrides,
          appAuthor: deps.appAuthor,
          now: deps.check.now,
          // Its own key: a judgement of the same commit already under way read the overrides before this one.
          enqueueCheck: async (request) => void (await enqueueCheck(request, Date.now(), `#override-${command.commentId}`)),
        },
        command,
      );
      log.info({ repository: `${command.owner}/${command.repo}`, pullRequest: command.pullRequest, actor: command.actor, outcome }, 'command handled');
    });
  }
  await workReleases(releases);
  const inventory = deps.inventory;
  if (!inventory || !installations) return;
  await workBackfills(installations);
  await jobs.work(INVENTORY_QUEUE, async (job) => {
    const request = job.payload as InventoryRequest;
    const where = { repository: `${request.owner}/${request.repo}`, ref: request.ref, sha: request.sha, attempt: job.attempt };
    try {
      const result = await runInventoryRequest({ inventory, clientFor: deps.check.clientFor, limits: deps.check.limits, now: deps.check.now }, request);
      log.info({ ...where, outcome: result.outcome, lockfiles: result.lockfiles.length, components: result.components }, 'inventory snapshot stored');
    } catch (error) {
      // A malformed lockfile stays malformed: say so once instead of retrying.
      if (error instanceof ParseError) {
        log.warn({ ...where, err: error }, 'inventory snapshot refused: a lockfile cannot be parsed');
        return;
      }
      log.warn({ ...where, err: error }, 'inventory snapshot failed; retrying');
      throw error;
    }
  });
}
