import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Probot } from 'probot';
import { type TrustMaterial, Verifier } from '@sigstore/verify';
import { type CommentAuthor, createGitHubClient, type GitHubAuth, type GitHubRequester, uploadsRootFor } from '../adapters/github/index.js';
import { trustMaterialFor } from '../adapters/trusted-root.js';
import { chaingateVersion } from '../adapters/version.js';
import type { FactSources } from '../core/check/gather-facts.js';
import type { UnavailableFacts } from '../core/facts.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { type CheckRunLedger, DELIVERY_QUEUE, type Deliveries, type Inventory, type Jobs, type Overrides } from '../core/ports.js';
import type { AppConfig } from './config.js';
import { approvalHandlers, eventHandlers, gateHandlers, installationHandlers, inventoryHandlers, overrideHandlers, releaseHandlers } from './handlers/registry.js';
import type { IncidentApprovals } from './incident-approvals.js';
import { inProcessCheckRuns } from './in-process-check-runs.js';
import { createAppServer } from './http-server.js';
import { AppMetrics, countingFetch } from './metrics.js';
import { redactingLogger } from './redact-log.js';
import type { OpenIncidentsLookup } from './open-incidents.js';
import { APPROVAL_QUEUE, CHECK_QUEUE, DEPLOYMENT_GATE_QUEUE, INVENTORY_QUEUE, OVERRIDE_QUEUE, startWorkers } from './workers.js';
import { BACKFILL_QUEUE } from './installation-worker.js';
import { RELEASE_QUEUE } from './release-worker.js';
import { IncidentAdvisorySource, type GatingIncident } from '../adapters/incident-advisories/incident-source.js';

export interface AppParts {
  readonly config: AppConfig;
  readonly jobs: Jobs;
  readonly deliveries: Deliveries;
  /** The store's inventory, kept current from push and deployment_status webhooks (none: those events are ignored). */
  readonly inventory?: Inventory | undefined;
  /** The store's record of maintainer overrides (none: `/chaingate` commands are ignored). */
  readonly overrides?: Overrides | undefined;
  /** The store's record of the check runs created (none: this process's memory). */
  readonly checkRuns?: CheckRunLedger | undefined;
  /** A judgement still running after this long shows its run in progress (2000 ms). */
  readonly progressAfterMs?: number;
  /** The open incidents, for the deployment gate (none: deployment_protection_rule events are ignored). */
  readonly openIncidents?: OpenIncidentsLookup | undefined;
  /** The incident store's approvals (none: `/chaingate approve` comments are ignored). */
  readonly approvals?: IncidentApprovals | undefined;
  readonly sources: FactSources;
  readonly unavailable: readonly UnavailableFacts[];
  /** The store's open incidents: every check also fails on them as the action matrix says (none: no incident gate). */
  readonly incidents?: { active(): Promise<readonly GatingIncident[]> } | undefined;
  /** Extra readiness of the store (the queue is asked by /health itself). */
  readonly storeHealthy?: () => Promise<boolean>;
  /** Base of every wait: GitHub's `retry-after` seconds and retry backoff (1000 ms; tests shrink it). */
  readonly secondMs?: number;
  readonly now?: () => Date;
  /** Sigstore trust material release provenance is verified against (default: the shipped public-good root). */
  readonly trustMaterial?: TrustMaterial | undefined;
}

/** Open incidents are read on every check, so a `chaingate respond` gates the App's next check at once. */
function withIncidentGate(sources: FactSources, incidents: AppParts['incidents']): FactSources {
  return incidents ? { ...sources, advisories: [...sources.advisories, new IncidentAdvisorySource(() => incidents.active())] } : sources;
}

export interface RunningApp {
  readonly url: string;
  readonly metrics: AppMetrics;
  stop(): Promise<void>;
}

/**
 * The App's composition root: Probot (webhook verification, App
 * authentication, its octokit with retry and throttling), the workers over
 * the queue, and the HTTP server. The webhook handler only persists the
 * delivery (`deliveries.accept`); the work runs from the queue.
 */
export async function startApp(parts: AppParts): Promise<RunningApp> {
  const { config, jobs, deliveries } = parts;
  const secondMs = parts.secondMs ?? 1000;
  const metrics = new AppMetrics();
  const bootstrap = new Probot({ appId: config.appId, privateKey: config.privateKey, secret: config.webhookSecret, logLevel: config.logLevel, logFormat: config.logFormat });
  await bootstrap.ready();
  const log = redactingLogger(bootstrap.log, [config.privateKey, config.webhookSecret]);
  const fetchCounted = countingFetch(metrics);
  const probot = new Probot({
    appId: config.appId,
    privateKey: config.privateKey,
    secret: config.webhookSecret,
    log,
    ...(config.apiBaseUrl ? { baseUrl: config.apiBaseUrl } : {}),
    request: { fetch: fetchCounted, timeout: 30_000 },
  });
  const userAgent = `chaingate-app/${chaingateVersion()}`;
  // Probot authenticates as the App and caches installation tokens; the work's requests go through
  // chaingate's own client, whose retries (5xx, 429) and rate-limit waits (retry-after) are ours to set.
  const clientFor = async (installationId: number): Promise<GitHubRequester> => {
    const installation = await probot.auth(installationId);
    return createGitHubClient({
      // Probot's installation auth, as a strategy: its hook fetches and caches the token through this client.
      token: installation.auth as unknown as GitHubAuth,
      baseUrl: config.apiBaseUrl ?? 'https://api.github.com',
      userAgent,
      retries: 3,
      retryAfterBaseMs: secondMs,
      fetch: fetchCounted,
      onWait: (kind, retryAfterSeconds) => log.warn({ kind, retryAfterSeconds }, 'GitHub rate limit: waiting'),
    });
  };
  // The App's own login, asked once (`GET /app`): its replies are found by marker *and* author.
  let author: Promise<CommentAuthor> | undefined;
  const appAuthor = (): Promise<CommentAuthor> =>
    (author ??= (async () => {
      const octokit = await probot.auth();
      const { data } = await octokit.request('GET /app');
      return { login: `${data?.slug ?? ''}[bot]`, type: 'Bot' };
    })().catch((error: unknown) => {
      author = undefined;
      throw error;
    }));
  probot.onAny(async ({ id, name, payload }) => {
    const inventoryEvent = parts.inventory !== undefined && (inventoryHandlers.has(name) || installationHandlers.has(name));
    const overrideEvent = parts.overrides !== undefined && overrideHandlers.has(name);
    const incidentEvent = (parts.openIncidents !== undefined && gateHandlers.has(name)) || (parts.approvals !== undefined && approvalHandlers.has(name));
    if (!eventHandlers.has(name) && !releaseHandlers.has(name) && !inventoryEvent && !overrideEvent && !incidentEvent) return;
    const fresh = await deliveries.accept({ id, event: name, payload, receivedAt: new Date() });
    if (fresh) metrics.deliveryReceived(name);
    log.info({ delivery: id, event: name, redelivery: !fresh }, 'delivery accepted');
  });
  await startWorkers({
    jobs,
    deliveries,
    metrics,
    log,
    retryDelaySeconds: 5,
    concurrency: 2,
    inventory: parts.inventory,
    overrides: parts.overrides,
    appAuthor,
    release: {
      verifier: new Verifier(parts.trustMaterial ?? (await trustMaterialFor(config.trustedRoot))),
      uploadsRoot: uploadsRootFor(config.apiBaseUrl ?? 'https://api.github.com'),
      toolVersion: chaingateVersion(),
    },
    backfillConcurrency: config.backfillConcurrency,
    openIncidents: parts.openIncidents,
    approvals: parts.approvals,
    check: {
      clientFor,
      sources: withIncidentGate(parts.sources, parts.incidents),
      unavailable: parts.unavailable,
      limits: DEFAULT_LIMITS,
      now: parts.now ?? (() => new Date()),
      checkRuns: parts.checkRuns ?? inProcessCheckRuns(),
      overrides: parts.overrides,
      progressAfterMs: parts.progressAfterMs ?? 2000,
    },
  });
  const queueDepth = async (): Promise<number> =>
    (await jobs.pending(DELIVERY_QUEUE)) +
    (await jobs.pending(CHECK_QUEUE)) +
    (await jobs.pending(RELEASE_QUEUE)) +
    (parts.inventory ? (await jobs.pending(INVENTORY_QUEUE)) + (await jobs.pending(BACKFILL_QUEUE)) : 0) +
    (parts.overrides ? await jobs.pending(OVERRIDE_QUEUE) : 0) +
    (parts.openIncidents ? await jobs.pending(DEPLOYMENT_GATE_QUEUE) : 0) +
    (parts.approvals ? await jobs.pending(APPROVAL_QUEUE) : 0);
  const middleware = await probot.getNodeMiddleware();
  const server: Server = createAppServer({
    webhookSecret: config.webhookSecret,
    webhooks: (request, response) => middleware(request, response),
    healthy: async () => (await queueDepth()) >= 0 && (parts.storeHealthy ? await parts.storeHealthy() : true),
    metrics: async () => metrics.render(await queueDepth()),
    onError: (error) => log.error({ err: error }, 'request failed'),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  log.info({ port, host: config.host }, 'chaingate App listening');
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    metrics,
    async stop() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await jobs.stop();
    },
  };
}
