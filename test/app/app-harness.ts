import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readAppConfig } from '../../src/app/config.js';
import { type AppStore, openAppStore } from '../../src/app/app-store.js';
import { InProcessDeliveries, InProcessJobs } from '../../src/app/in-process-queue.js';
import { type RunningApp, startApp } from '../../src/app/start-app.js';
import { buildFactSources } from '../../src/adapters/fact-sources.js';
import { type CheckRun, type FakeGitHubApi, startFakeGitHubApi } from '../helpers/fake-github-api.js';
import { FIXTURES } from '../helpers/fixtures.js';
import type { Inventory, Overrides } from '../../src/core/ports.js';
import type { IncidentStore } from '../../src/adapters/store/store-incidents.js';
import type { TrustMaterial } from '@sigstore/verify';
import type { OpenIncidentsLookup } from '../../src/app/open-incidents.js';
import type { IncidentApprovals } from '../../src/app/incident-approvals.js';
import { dropSchema, pgliteTemplate } from '../adapters/store/engines.js';

export const OWNER = 'octo-org';
export const REPO = 'shop';
export const FULL_NAME = `${OWNER}/${REPO}`;
export const INSTALLATION_ID = 4242;
export const WEBHOOK_SECRET = 'webhook secret for the tests';
const GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
const ADVISORIES = join(FIXTURES, 'osv/check');
const UPGRADE = join(FIXTURES, 'npm/v3-resolved/upgrade');

/** The fixture repository's commits, each a real git commit of real npm lockfiles. */
export interface FixtureCommits {
  /** lodash 4.17.20 and path-to-regexp 0.1.7 (transitive, via express): vulnerable. */
  readonly vulnerable: string;
  /** The same project upgraded: nothing known-bad. */
  readonly clean: string;
  /** `clean` plus a README change only. */
  readonly readmeOnly: string;
  /** `vulnerable` plus debug 4.4.2 (the September 2025 malicious release) as a direct dependency. */
  readonly malicious: string;
  /** `malicious` plus a `.github/chaingate.yml` that allows everything: a PR weakening its own gate. */
  readonly weakened: string;
}

export interface Harness {
  readonly api: FakeGitHubApi;
  readonly app: RunningApp;
  readonly commits: FixtureCommits;
  /** The environment that runs another App process against the same fake GitHub (`npm start`'s variables). */
  readonly appEnv: Readonly<Record<string, string>>;
  /** The store's inventory the App writes (absent on the in-process queue). */
  readonly inventory: Inventory | undefined;
  /** The store's incidents the App's checks gate on (absent on the in-process queue). */
  readonly incidents: IncidentStore | undefined;
  /** The store's maintainer overrides (absent on the in-process queue). */
  readonly overrides: Overrides | undefined;
  /** POSTs a signed webhook (to the harness's App, or to the App at `url`); returns the HTTP status. */
  deliver(event: string, payload: unknown, options?: { id?: string; signature?: string | null; url?: string }): Promise<{ status: number; id: string }>;
  /** A new commit on top of `from` that adds one unrelated file: a fresh head SHA with the same dependencies as `from`. */
  variant(from: string, label: string): string;
  /** What the store's readiness check answers from now on (`true` at start). */
  setStoreHealthy(healthy: boolean): void;
  /** A new commit on top of `from` with these files written (path → content). */
  commitFiles(from: string, files: Readonly<Record<string, string>>, message: string): string;
  /** Serves another repository of the organisation, made of one commit of these files (on `main`, with these tags); returns the commit. */
  addRepository(name: string, files: Readonly<Record<string, string>>, options?: { readonly tags?: readonly string[] }): string;
  /** Tags a commit of the fixture repository (a lightweight tag, as `gh release create` makes). */
  tag(name: string, sha: string): void;
  /** Waits until every queue of the App is empty (its /metrics `chaingate_queue_depth` is 0). */
  idle(timeoutMs?: number): Promise<void>;
  /** Waits until the run of that head SHA is completed. */
  completedRun(headSha: string, timeoutMs?: number): Promise<CheckRun>;
  close(): Promise<void>;
}

type WebhookExample = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples/api.github.com/index.json') as WebhookExample[];

/** A real payload from @octokit/webhooks-examples, pointed at the fixture repository and installation. */
export function examplePayload(event: string, action: string): Record<string, unknown> & { repository: Record<string, unknown> } {
  const found = examples.find((e) => e.name === event)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no ${event}.${action} example in @octokit/webhooks-examples`);
  const payload = structuredClone(found) as Record<string, unknown> & { repository: Record<string, unknown> & { owner: Record<string, unknown> } };
  payload.repository.name = REPO;
  payload.repository.full_name = FULL_NAME;
  payload.repository.owner.login = OWNER;
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  return payload;
}

export function pullRequestPayload(base: string, head: string, action = 'opened'): Record<string, unknown> {
  const payload = examplePayload('pull_request', action);
  const pr = payload.pull_request as { base: { sha: string }; head: { sha: string } };
  pr.base.sha = base;
  pr.head.sha = head;
  return payload;
}

/** Where the App under test keeps its deliveries and queue: memory (the in-process queue), PGlite or PostgreSQL. */
export type HarnessStore = 'memory' | 'embedded' | 'postgres';

/** Fast queue settings for tests: a lost job is retried after 5 s. */
export const TEST_JOBS = { pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, expireInSeconds: 5 } as const;

/** Where a test store lives: its own PGlite directory or its own PostgreSQL schemas, removed by `drop`. */
export interface TestStoreLocation {
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly schema?: string;
  readonly jobsSchema?: string;
  drop(): Promise<void>;
}

export async function testStoreLocation(kind: Exclude<HarnessStore, 'memory'>): Promise<TestStoreLocation> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(join(tmpdir(), 'cg-app-store-'));
    cpSync(await pgliteTemplate(), join(dir, 'pgdata'), { recursive: true });
    // DATABASE_URL emptied: a child process inherits the test's environment, which may point at PostgreSQL.
    return { env: { CHAINGATE_STORE: dir, DATABASE_URL: '' }, cwd: dir, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `cg_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const jobsSchema = `${schema}_jobs`;
  return {
    env: { DATABASE_URL: url },
    cwd: tmpdir(),
    schema,
    jobsSchema,
    drop: async () => {
      await dropSchema(url, jobsSchema);
      await dropSchema(url, schema);
    },
  };
}

async function testAppStore(kind: Exclude<HarnessStore, 'memory'>, expireInSeconds: number = TEST_JOBS.expireInSeconds): Promise<{ store: AppStore; drop: () => Promise<void> }> {
  const location = await testStoreLocation(kind);
  const store = await openAppStore({ location: { env: location.env, cwd: location.cwd, schema: location.schema }, jobsSchema: location.jobsSchema, jobs: { ...TEST_JOBS, expireInSeconds } });
  return { store, drop: () => location.drop() };
}

export async function startHarness(
  options: {
    store?: HarnessStore;
    progressAfterMs?: number;
    jobExpirySeconds?: number;
    trustMaterial?: TrustMaterial;
    openIncidents?: OpenIncidentsLookup;
    approvals?: IncidentApprovals;
  } = {},
): Promise<Harness> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const appId = 977;
  const api = await startFakeGitHubApi({ appId, privateKeyPem: pem });
  const dir = mkdtempSync(join(tmpdir(), 'chaingate-app-repo-'));
  const commits = createFixtureRepository(dir);
  api.addRepository(FULL_NAME, dir);
  const appEnv = {
    APP_ID: String(appId),
    PRIVATE_KEY: pem,
    WEBHOOK_SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    GHE_HOST: api.host,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: process.env.TEST_APP_LOG_LEVEL ?? 'fatal',
  };
  const config = readAppConfig(appEnv);
  const { sources, unavailable } = await buildFactSources({
    advisoriesPath: ADVISORIES,
    offline: true,
    cache: false,
    env: {},
  });
  const secondMs = 5;
  const extraDirs: string[] = [];
  let storeHealthy = true;
  const kind = options.store ?? 'memory';
  const stored = kind === 'memory' ? undefined : await testAppStore(kind, options.jobExpirySeconds);
  const jobs = stored?.store.jobs ?? new InProcessJobs({ secondMs });
  const deliveries = stored?.store.deliveries ?? new InProcessDeliveries(jobs);
  const healthy = stored ? () => stored.store.healthy() : () => Promise.resolve(true);
  const app = await startApp({
    config,
    jobs,
    deliveries,
    inventory: stored?.store.inventory,
    incidents: stored?.store.incidents,
    overrides: stored?.store.overrides,
    checkRuns: stored?.store.checkRuns,
    progressAfterMs: options.progressAfterMs,
    openIncidents: options.openIncidents,
    approvals: options.approvals,
    sources,
    unavailable,
    secondMs,
    storeHealthy: async () => storeHealthy && (await healthy()),
    trustMaterial: options.trustMaterial,
  });
  return {
    api,
    app,
    inventory: stored?.store.inventory,
    incidents: stored?.store.incidents,
    overrides: stored?.store.overrides,
    appEnv: { ...appEnv, CHAINGATE_ADVISORIES: ADVISORIES, CHAINGATE_OFFLINE: 'true' },
    commits,
    setStoreHealthy: (healthy) => void (storeHealthy = healthy),
    commitFiles(from, files, message) {
      const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
      git('checkout', '-q', '--detach', from);
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git('add', '-A');
      git('commit', '-qm', message);
      return git('rev-parse', 'HEAD');
    },
    tag(name, sha) {
      execFileSync('git', ['tag', name, sha], { cwd: dir, env: { ...process.env, ...GIT_IDENTITY } });
    },
    async idle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        if (/^chaingate_queue_depth 0$/mu.test(metrics)) return;
        if (Date.now() > deadline) throw new Error(`the App's queues are not empty after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    addRepository(name, files, repositoryOptions = {}) {
      const other = mkdtempSync(join(tmpdir(), 'chaingate-app-other-'));
      extraDirs.push(other);
      const git = (...args: string[]): string => execFileSync('git', args, { cwd: other, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
      git('init', '-q', '-b', 'main');
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(other, path)), { recursive: true });
        writeFileSync(join(other, path), content);
      }
      git('add', '-A');
      git('commit', '-qm', 'files');
      for (const tag of repositoryOptions.tags ?? []) git('tag', tag);
      api.addRepository(`${OWNER}/${name}`, other);
      return git('rev-parse', 'HEAD');
    },
    variant(from, label) {
      const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
      git('checkout', '-q', '--detach', from);
      writeFileSync(join(dir, `variant-${label}.txt`), `${label}\n`);
      git('add', '-A');
      git('commit', '-qm', label);
      return git('rev-parse', 'HEAD');
    },
    async deliver(event, payload, options = {}) {
      const id = options.id ?? randomUUID();
      const body = JSON.stringify(payload);
      const signature = options.signature === undefined ? `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}` : options.signature;
      const response = await fetch(`${options.url ?? app.url}/api/github/webhooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
        body,
      });
      await response.arrayBuffer();
      return { status: response.status, id };
    },
    async completedRun(headSha, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = api.checkRuns(FULL_NAME).find((r) => r.head_sha === headSha && r.status === 'completed');
        if (run) return run;
        if (Date.now() > deadline) throw new Error(`no completed check run on ${headSha} after ${timeoutMs} ms; runs: ${JSON.stringify(api.checkRuns(FULL_NAME).map((r) => [r.head_sha, r.status]))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      await app.stop();
      if (stored) {
        await stored.store.close();
        await stored.drop();
      }
      await api.close();
      for (const d of [dir, ...extraDirs]) rmSync(d, { recursive: true, force: true });
    },
  };
}

function createFixtureRepository(dir: string): FixtureCommits {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY } }).trim();
  const commit = (message: string): string => {
    git('add', '-A');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  const write = (path: string, content: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  git('init', '-q', '-b', 'main');
  cpSync(join(UPGRADE, 'base'), dir, { recursive: true });
  rmSync(join(dir, 'expected.json'), { force: true });
  const vulnerable = commit('vulnerable');
  cpSync(join(UPGRADE, 'head'), dir, { recursive: true });
  rmSync(join(dir, 'expected.json'), { force: true });
  const clean = commit('upgrade');
  write('README.md', '# shop\n');
  const readmeOnly = commit('readme');
  git('checkout', '-q', '-b', 'malicious', vulnerable);
  write('package-lock.json', withMaliciousDebug(readFileSync(join(UPGRADE, 'base', 'package-lock.json'), 'utf8')));
  const manifest = JSON.parse(readFileSync(join(UPGRADE, 'base', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  manifest.dependencies.debug = '4.4.2';
  write('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const malicious = commit('add debug 4.4.2');
  write('.github/chaingate.yml', 'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\n');
  const weakened = commit('waive everything in the head');
  return { vulnerable, clean, readmeOnly, malicious, weakened };
}

/**
 * The vulnerable lockfile with debug 4.4.2 hoisted as a direct dependency and
 * express's debug 2.6.9 nested under each dependent, as npm lays it out.
 */
function withMaliciousDebug(text: string): string {
  const lock = JSON.parse(text) as { packages: Record<string, Record<string, unknown> & { dependencies?: Record<string, string> }> };
  const old = lock.packages['node_modules/debug']!;
  for (const dependent of ['body-parser', 'express', 'finalhandler', 'send']) lock.packages[`node_modules/${dependent}/node_modules/debug`] = old;
  lock.packages[''] = { ...lock.packages['']!, dependencies: { ...lock.packages['']!.dependencies, debug: '4.4.2' } };
  lock.packages['node_modules/debug'] = {
    version: '4.4.2',
    resolved: 'https://registry.npmjs.org/debug/-/debug-4.4.2.tgz',
    integrity: 'sha512-IQeXCZhGRpFiLI3MYlCGLjNssUBiE8G21RMyNH35KFsxIvhrMeh5jXuG82woDZrYX9pgqHs+GF5js2Ducn4y4A==',
    license: 'MIT',
    dependencies: { ms: '^2.1.3' },
  };
  lock.packages['node_modules/debug/node_modules/ms'] = {
    version: '2.1.3',
    resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
    integrity: 'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==',
    license: 'MIT',
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}
