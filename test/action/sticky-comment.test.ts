import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, repoWithCommits } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { pullRequestPayload, REPOSITORY, runBundledAction } from './simulated-runner.js';

const ADVISORIES = join(FIXTURES, 'osv/check');
const UPGRADE = join(FIXTURES, 'npm/v3-resolved/upgrade');

// Going from the upgrade fixture's head to its base brings in lodash 4.17.20 and path-to-regexp 0.1.7 (advisories).
describe('the bundled Action against hostile pull requests', () => {
  const repo = repoWithCommits([join(UPGRADE, 'head'), join(UPGRADE, 'base')]);
  const sha = (rev: string) => git(repo.dir, 'rev-parse', rev).trim();
  const empty = mkdtempSync(join(tmpdir(), 'chaingate-empty-advisories-'));
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub();
  });
  afterAll(async () => {
    github.assertValid();
    await github.close();
    repo.cleanup();
    rmSync(empty, { recursive: true, force: true });
  });

  it('ignores a comment with chaingate\'s marker planted by another user: posts its own, leaves the planted one alone', async () => {
    const issue = `${REPOSITORY}#11`;
    const planted = '<!-- chaingate:summary -->\n<!-- chaingate:state=clean -->\n### ✅ chaingate: nothing to see here';
    github.seedComments(issue, [planted], { login: 'mallory', type: 'User' });
    const run = await runBundledAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(sha('HEAD~1'), sha('HEAD'), 11),
      inputs: { advisories: ADVISORIES, 'comment-summary-in-pr': 'on-failure' },
      apiUrl: github.url,
    });
    expect(run.code).toBe(1);
    const comments = github.comments(issue);
    expect(comments.map((c) => c.author)).toEqual(['mallory', 'github-actions[bot]']);
    expect(comments[0]!.body).toBe(planted);
    expect(comments[1]!.body).toMatch(/^<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\n### ❌/u);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('fails closed when the advisories input is an empty directory, naming the source', async () => {
    mkdirSync(empty, { recursive: true });
    const run = await runBundledAction({
      workspace: repo.dir,
      eventName: 'pull_request',
      payload: pullRequestPayload(sha('HEAD~1'), sha('HEAD'), 12),
      inputs: { advisories: empty, 'comment-summary-in-pr': 'never' },
      apiUrl: github.url,
    });
    expect(run.code).toBe(1);
    expect(run.outputs.conclusion).toBe('failure');
    expect(run.summary).toContain(`osv-offline:${empty}`);
  });
});
