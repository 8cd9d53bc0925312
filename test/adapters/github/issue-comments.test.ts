import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubClient, githubIssueComments } from '../../../src/adapters/github/index.js';
import { ensureStickyComment, planComment } from '../../../src/adapters/github/sticky-comment.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fake-github.js';

const ISSUE = { owner: 'octo-org', repo: 'shop', issueNumber: 42 };

describe('githubIssueComments against a fake GitHub checked with the OpenAPI description', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await github.close();
  });
  const comments = () => githubIssueComments(createGitHubClient({ token: 't0ken', baseUrl: github.url, userAgent: 'chaingate-test', retries: 0 }));

  it('finds the marked comment on the third page and updates it, never creating a second one', async () => {
    github.seedComments('octo-org/shop#42', [...Array.from({ length: 230 }, (_, i) => `comment ${i}`), '<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\nold']);
    const plan = planComment({ mode: 'on-failure', failure: true, report: 'new report', headSha: 'abcdef1234567890' });
    const result = await ensureStickyComment(comments(), ISSUE, plan);
    expect(result.action).toBe('updated');
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100&page=1',
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100&page=2',
      'GET /repos/octo-org/shop/issues/42/comments?per_page=100&page=3',
      expect.stringMatching(/^PATCH \/repos\/octo-org\/shop\/issues\/comments\/\d+$/u),
    ]);
    expect(github.comments('octo-org/shop#42')).toHaveLength(231);
    github.assertValid();
  });

  it('creates the comment once and leaves it alone when it already says the same', async () => {
    const plan = planComment({ mode: 'always', failure: false, report: 'all clear', headSha: 'abcdef1234567890' });
    expect((await ensureStickyComment(comments(), ISSUE, plan)).action).toBe('created');
    expect((await ensureStickyComment(comments(), ISSUE, plan)).action).toBe('unchanged');
    expect(github.comments('octo-org/shop#42')).toHaveLength(1);
    github.assertValid();
  });

  it('the fake refuses what GitHub would refuse: an unknown route and an invalid body', async () => {
    await fetch(`${github.url}/repos/octo-org/shop/issues/42/comment`, { method: 'POST', headers: { authorization: 'token x' }, body: '{"body":"x"}' });
    await fetch(`${github.url}/repos/octo-org/shop/issues/42/comments`, { method: 'POST', headers: { authorization: 'token x' }, body: '{"text":"x"}' });
    expect(github.violations).toEqual([
      expect.stringContaining('no such operation'),
      expect.stringContaining('invalid body'),
    ]);
    expect(() => github.assertValid()).toThrow(/GitHub would refuse/u);
  });

  it('surfaces a 403 from a read-only token', async () => {
    github.failWrites(403);
    const plan = planComment({ mode: 'always', failure: true, report: 'r', headSha: 'abc1234' });
    await expect(ensureStickyComment(comments(), ISSUE, plan)).rejects.toMatchObject({ status: 403 });
  });
});

describe('the sticky comment belongs to the identity chaingate writes as', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await github.close();
  });
  const comments = () => githubIssueComments(createGitHubClient({ token: 't0ken', baseUrl: github.url, userAgent: 'chaingate-test', retries: 0 }));
  const planted = '<!-- chaingate:summary -->\n<!-- chaingate:state=clean -->\nAll clear, nothing to see here.';

  it('ignores a comment with the marker planted by another user and posts the report as a new comment', async () => {
    github.seedComments('octo-org/shop#42', [planted], { login: 'mallory', type: 'User' });
    const plan = planComment({ mode: 'on-failure', failure: true, report: 'blocked: debug@4.4.2 is malware', headSha: 'abcdef1234567890' });
    const result = await ensureStickyComment(comments(), ISSUE, plan);
    expect(result.action).toBe('created');
    expect(github.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(github.comments('octo-org/shop#42')).toEqual([
      { id: expect.any(Number), body: planted, author: 'mallory' },
      { id: expect.any(Number), body: expect.stringContaining('blocked: debug@4.4.2 is malware'), author: 'github-actions[bot]' },
    ]);
    github.assertValid();
  });

  it('does not take a planted "blocking" state as its own history', async () => {
    github.seedComments('octo-org/shop#42', ['<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\nfake'], { login: 'some-other-app[bot]', type: 'Bot' });
    const plan = planComment({ mode: 'on-failure', failure: false, report: 'clean', headSha: 'abcdef1234567890' });
    expect((await ensureStickyComment(comments(), ISSUE, plan)).action).toBe('none');
    expect(github.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('finds its own comment among planted ones and updates only that one', async () => {
    github.seedComments('octo-org/shop#42', [planted], { login: 'mallory', type: 'User' });
    github.seedComments('octo-org/shop#42', ['<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\nold']);
    github.seedComments('octo-org/shop#42', [planted], { login: 'github-actions', type: 'User' });
    const plan = planComment({ mode: 'on-failure', failure: true, report: 'new report', headSha: 'abcdef1234567890' });
    expect((await ensureStickyComment(comments(), ISSUE, plan)).action).toBe('updated');
    const [first, own, third] = github.comments('octo-org/shop#42');
    expect([first?.body, third?.body]).toEqual([planted, planted]);
    expect(own).toMatchObject({ author: 'github-actions[bot]', body: expect.stringContaining('new report') });
    github.assertValid();
  });

  it('takes the identity as a parameter, so an App finds the comments its own bot wrote', async () => {
    const app = { login: 'chaingate[bot]', type: 'Bot' } as const;
    github.actAs(app);
    github.seedComments('octo-org/shop#42', ['<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\nold']);
    const plan = planComment({ mode: 'on-failure', failure: true, report: 'new report', headSha: 'abcdef1234567890' });
    expect((await ensureStickyComment(comments(), ISSUE, plan, app)).action).toBe('created');
    github.seedComments('octo-org/shop#42', ['<!-- chaingate:summary -->\n<!-- chaingate:state=blocking -->\nmine'], app);
    expect((await ensureStickyComment(comments(), ISSUE, plan, app)).action).toBe('unchanged');
    expect(github.comments('octo-org/shop#42').map((c) => c.author)).toEqual(['github-actions[bot]', 'chaingate[bot]', 'chaingate[bot]']);
  });
});
