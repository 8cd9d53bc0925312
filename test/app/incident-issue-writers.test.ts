import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/adapters/github/octokit.js';
import { reconcileIncidentIssues } from '../../src/adapters/github/reconcile-incident-issues.js';
import { incidentIssueWriters } from '../../src/app/incident-issue-writers.js';
import { exposure, incident, repository } from '../core/response/incident-fixture.js';
import { type FakeGitHubApi, startFakeGitHubApi } from '../helpers/fake-github-api.js';

describe('incidentIssueWriters', () => {
  let api: FakeGitHubApi;
  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    api = await startFakeGitHubApi({ appId: 1, privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
  });
  afterAll(() => api.close());

  it("writes through each repository's installation, counts only the App's own bot, and reports a repository it is not installed on", async () => {
    const [a, b, missing] = ['org-a/web', 'org-b/api', 'org-c/lost'];
    // Another bot's issue with the marker is not chaingate's.
    api.issues.seedIssue(a, { title: 'copy', body: '<!-- chaingate:incident:MAL-2025-46974 -->', author: { login: 'other-app[bot]', type: 'Bot' }, labels: ['chaingate'] });
    const asked: number[] = [];
    const issuesFor = incidentIssueWriters({
      installationOf: async (repo) => ({ [a]: 11, [b]: 22 })[repo],
      clientFor: async (id) => {
        asked.push(id);
        return createGitHubClient({ token: api.issueToken(), baseUrl: `http://${api.host}/api/v3`, userAgent: 't', retries: 0, throttle: false });
      },
      botLogin: 'chaingate[bot]',
    });
    const view = incident({ exposures: [a, b, missing].map((r) => exposure(r)), repositories: [a, b, missing].map((r) => repository(r)) });
    const report = await reconcileIncidentIssues(issuesFor, view, { owners: 'none', concurrency: 1 });
    expect(report.converged).toBe(false);
    expect(report.checklists.find((c) => c.repository === missing)?.error).toBe('chaingate is not installed on org-c/lost');
    expect(api.issues.issues(a).map((i) => i.author.login)).toEqual(['other-app[bot]', 'chaingate[bot]']);
    expect(api.issues.issues(b)).toHaveLength(1);
    expect(asked.sort()).toEqual([11, 22]);
    api.assertValid();
  });
});
