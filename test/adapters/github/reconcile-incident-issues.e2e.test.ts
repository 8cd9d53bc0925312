import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { githubIncidentIssues } from '../../../src/adapters/github/incident-issues.js';
import { createGitHubClient } from '../../../src/adapters/github/octokit.js';
import { type Clock, Pacer } from '../../../src/adapters/github/pacer.js';
import { reconcileIncidentIssues, type ReconcileIssuesReport } from '../../../src/adapters/github/reconcile-incident-issues.js';
import type { IncidentView } from '../../../src/core/response/incident-view.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../../helpers/fake-github-api.js';
import { exposure, incident, repository } from '../../core/response/incident-fixture.js';

const ORG = 'octo-org';
const SUMMARY = `${ORG}/security`;
const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `${ORG}/service-${String(i).padStart(3, '0')}`);

/** `exposed` repositories hold debug@4.4.2 on main (every third in production too, tier 1 or 2 by turn); the rest were scoped clean. */
function view(all: readonly string[], exposed: readonly string[], overrides: Partial<IncidentView> = {}): IncidentView {
  return incident({
    exposures: exposed.map((name, i) => exposure(name, { tier: i % 2 === 0 ? 1 : 2, environments: i % 3 === 0 ? ['production'] : [] })),
    repositories: all.map((name, i) => repository(name, i % 3 === 0 ? { deployments: [{ environment: 'production', sha: 'a'.repeat(40) }] } : {})),
    ...overrides,
  });
}

describe('reconcileIncidentIssues against the OpenAPI-validating fake GitHub', () => {
  let api: FakeGitHubApi;
  let clock: Clock & { t: number };
  let reconcile: (incident: IncidentView) => Promise<ReconcileIssuesReport>;
  let pacer: Pacer;

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    clock = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
    // One pacer for the whole file, as one App process has: the fake counts every test's writes on this clock.
    pacer = new Pacer({ clock });
    api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(), secondaryLimits: { now: () => clock.t } });
  });
  afterAll(() => api.close());

  beforeEach(() => {
    const client = createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 'chaingate-test', retries: 2, retryAfterBaseMs: 1, throttle: false });
    const issues = githubIncidentIssues(client, pacer, { label: 'chaingate' });
    reconcile = (i) => reconcileIncidentIssues(async () => issues, i, { owners: 'none', summaryRepository: SUMMARY });
  });

  async function converge(i: IncidentView, maxRuns = 6): Promise<number> {
    for (let run = 1; run <= maxRuns; run++) if ((await reconcile(i)).converged) return run;
    throw new Error(`not converged after ${maxRuns} runs`);
  }
  const chaingateIssues = (name: string) => api.issues.issues(name).filter((i) => i.author.type === 'Bot');
  const writes = () => api.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'apps/create-installation-access-token').length;

  it('run three times: exactly one open issue per exposed repository, none elsewhere, nothing written after the first run', async () => {
    const all = names(12);
    const exposed = all.slice(0, 10);
    // A user pasting the marker into an issue of their own does not count as chaingate's issue.
    api.issues.seedIssue(all[0]!, { title: 'copy', body: '<!-- chaingate:incident:MAL-2025-46974 -->', author: { login: 'mallory', type: 'User' }, labels: ['chaingate'] });
    const first = await reconcile(view(all, exposed));
    expect(first.converged).toBe(true);
    const afterFirst = writes();
    await reconcile(view(all, exposed));
    await reconcile(view(all, exposed));
    expect(writes()).toBe(afterFirst);
    for (const name of exposed) {
      expect(chaingateIssues(name)).toHaveLength(1);
      expect(chaingateIssues(name)[0]!.state).toBe('open');
      expect(chaingateIssues(name)[0]!.labels).toEqual(['chaingate', 'incident']);
    }
    for (const name of all.slice(10)) expect(chaingateIssues(name)).toHaveLength(0);
    const summary = chaingateIssues(SUMMARY);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.body).toContain('**2 of 12** repositories verified');
    expect(summary[0]!.body).toContain(`${all[1]}#1`);
    // Tier 1 repositories were created before tier 2 ones.
    const created = api.requests.filter((r) => r.operationId === 'issues/create').map((r) => r.path.split('/')[3]!);
    const tierOf = (repo: string) => (exposed.indexOf(`${ORG}/${repo}`) % 2 === 0 ? 1 : 2);
    expect(created.filter((r) => r !== 'security').map(tierOf)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    api.assertValid();
    expect(api.responseMismatches).toEqual([]);
  });

  it('ticks and closes an issue once the version is gone, reopens it when it comes back, closes all with a note when withdrawn', async () => {
    const all = names(12).map((n) => n.replace('service', 'app'));
    await converge(view(all, all));
    const fixed = all.slice(0, 3);
    await converge(view(all, all.slice(3)));
    for (const name of fixed) {
      const [issue] = chaingateIssues(name);
      expect(issue!.state).toBe('closed');
      expect(issue!.body).toContain('- [x] Default branch `main` is free of the affected versions');
      expect(issue!.comments.map((c) => c.body.split('\n')[1])).toEqual(['Closed by chaingate: verified free of `debug` `4.4.2` (npm).']);
    }
    expect(chaingateIssues(all[3]!)[0]!.state).toBe('open');

    // debug@4.4.2 is back on one default branch.
    await converge(view(all, [fixed[0]!, ...all.slice(3)]));
    const [back] = chaingateIssues(fixed[0]!);
    expect(back!.states).toEqual(['open', 'closed', 'open']);
    expect(back!.comments.at(-1)!.body).toContain('Reopened by chaingate: `debug` `4.4.2` (npm) is back on the default branch `main`.');
    expect(chaingateIssues(fixed[1]!)[0]!.state).toBe('closed');

    await converge(view(all, all, { status: 'withdrawn' }));
    for (const name of all) {
      const issues = chaingateIssues(name);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.state).toBe('closed');
      // Those already closed as verified stay closed without another comment.
      const closedBefore = name === fixed[1] || name === fixed[2];
      expect(issues[0]!.comments.at(-1)!.body.includes('was withdrawn')).toBe(!closedBefore);
    }
    expect(chaingateIssues(SUMMARY).filter((i) => i.title.includes('summary'))[0]!.state).toBe('closed');
    api.assertValid();
  });

  it('converges through 5xx (one after the issue was created), 429 and secondary-limit answers without a duplicate', async () => {
    const all = names(15).map((n) => n.replace('service', 'flaky'));
    const on = (operationId: string, repo?: string) => (r: { operationId?: string | undefined; path: string }) => r.operationId === operationId && (!repo || r.path.includes(`/${repo.split('/')[1]}/`));
    api.injectFault(on('issues/create', all[0]), { status: 502, afterApply: true });
    api.injectFault(on('issues/create', all[1]), { status: 500 });
    api.injectFault(on('issues/create'), { status: 403, message: 'You have exceeded a secondary rate limit', headers: { 'retry-after': '45' } }, 2);
    api.injectFault(on('issues/list-for-repo'), { status: 429, headers: { 'retry-after': '1' } }, 3);
    api.injectFault(on('issues/list-for-repo', all[4]), { status: 503 }, 6);
    const runs = await converge(view(all, all));
    expect(runs).toBeGreaterThan(1);
    for (const name of all) expect(chaingateIssues(name)).toHaveLength(1);
    expect(pacer.stats.refusals).toBeGreaterThanOrEqual(2);
    api.assertValid();
  });

  it('assigns CODEOWNERS users, and creates the issue unassigned when GitHub refuses an assignee', async () => {
    const [ok, refused] = ['octo-org/owned-ok', 'octo-org/owned-refused'];
    api.issues.setAssignable(ok, ['alice']);
    api.issues.setAssignable(refused, ['alice']);
    const i = incident({ exposures: [exposure(ok), exposure(refused)], repositories: [repository(ok, { owners: ['@alice'] }), repository(refused, { owners: ['@alice', '@ghost'] })] });
    const client = createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 'chaingate-test', retries: 0, throttle: false });
    const issues = githubIncidentIssues(client, pacer, { label: 'chaingate' });
    expect((await reconcileIncidentIssues(async () => issues, i, { owners: 'assign' })).converged).toBe(true);
    expect(chaingateIssues(ok)[0]!.assignees).toEqual(['alice']);
    expect(chaingateIssues(refused)).toHaveLength(1);
    expect(chaingateIssues(refused)[0]!.assignees).toEqual([]);
  });

  it('keeps 90 creations under 80 a minute on the simulated clock: zero limit violations', async () => {
    const all = names(90).map((n) => n.replace('service', 'bulk'));
    const start = clock.t;
    await converge(view(all, all));
    for (const name of all) expect(chaingateIssues(name)).toHaveLength(1);
    expect(api.limitViolations).toEqual([]);
    expect(clock.t - start).toBeGreaterThanOrEqual(60_000);
  });
});
