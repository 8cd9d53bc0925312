import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/core/report/escape-markdown.js';
import { FAKE_APP_SLUG } from '../helpers/fake-github-api.js';
import { examplePayload, FULL_NAME, type Harness, pullRequestPayload, startHarness } from './app-harness.js';

const PR = 7;
const store = process.env.DATABASE_URL ? 'postgres' : 'embedded';
let nextComment = 900_000;

type CommentPayload = Record<string, unknown> & { issue: Record<string, unknown>; comment: Record<string, unknown> & { id: number; user: Record<string, unknown> } };

function commentPayload(body: string, login: string, options: { type?: string; id?: number } = {}): CommentPayload {
  const payload = examplePayload('issue_comment', 'created') as unknown as CommentPayload;
  payload.issue.number = PR;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${FULL_NAME}/pulls/${PR}`, html_url: `https://github.com/${FULL_NAME}/pull/${PR}`, diff_url: null, patch_url: null };
  payload.comment.id = options.id ?? nextComment++;
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type: options.type ?? 'User' };
  return payload;
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe(`maintainer overrides over real HTTP (${store} store)`, () => {
  let h: Harness;
  const replies = (commentId: number) => h.api.comments(FULL_NAME, PR).filter((c) => c.body.startsWith(`<!-- chaingate:override-reply:${commentId} -->`));
  const run = () => h.api.checkRuns(FULL_NAME).find((r) => r.head_sha === h.commits.malicious)!;
  const records = async () => (await h.overrides!.recordsFor(FULL_NAME, PR)).map((r) => [r.actor, r.decision, `${r.packageName}@${r.version}`, r.reason]);

  beforeAll(async () => {
    h = await startHarness({ store, progressAfterMs: 60_000 });
    h.api.addPullRequest(FULL_NAME, PR, h.commits.clean, h.commits.malicious);
    h.api.setRole('mona', 'maintain');
    h.api.setRole('outsider', 'read');
    const payload = pullRequestPayload(h.commits.clean, h.commits.malicious);
    payload.number = PR;
    await h.deliver('pull_request', payload);
    expect((await h.completedRun(h.commits.malicious, 30_000)).conclusion).toBe('failure');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('refuses an outsider politely, records the refusal, and leaves the check as it was', async () => {
    const before = structuredClone(run());
    const comment = commentPayload('/chaingate allow debug@4.4.2 reason: I trust it', 'outsider');
    await h.deliver('issue_comment', comment);
    const [reply] = await waitFor(() => replies(comment.comment.id).length > 0 && replies(comment.comment.id), 'a refusal');
    expect(reply!.user).toEqual({ login: `${FAKE_APP_SLUG}[bot]`, type: 'Bot' });
    expect(reply!.body).toContain('Only people with write, maintain or admin permission');
    expect(await records()).toEqual([['outsider', 'refused', 'debug@4.4.2', 'I trust it']]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run().history).toHaveLength(before.history.length);
    expect(run().conclusion).toBe('failure');
    h.api.assertValid();
  });

  it('answers a redelivered command once and records it once', async () => {
    const comment = commentPayload('/chaingate allow lodash@4.17.20 reason: please', 'outsider');
    const sameId = await h.deliver('issue_comment', comment);
    await h.deliver('issue_comment', comment, { id: sameId.id });
    await h.deliver('issue_comment', comment);
    await h.deliver('issue_comment', comment);
    await waitFor(() => replies(comment.comment.id).length > 0, 'a reply');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(replies(comment.comment.id)).toHaveLength(1);
    expect((await records()).filter(([, , what]) => what === 'lodash@4.17.20')).toHaveLength(1);
    h.api.assertValid();
  });

  it('replies with the expected form to a malformed command and records nothing', async () => {
    const before = (await records()).length;
    const comment = commentPayload('/chaingate allow debug reason: no version', 'mona');
    await h.deliver('issue_comment', comment);
    const [reply] = await waitFor(() => replies(comment.comment.id).length > 0 && replies(comment.comment.id), 'a reply');
    expect(reply!.body).toContain('/chaingate allow <name>@<version> reason: <why>');
    expect(reply!.body).toContain('the package must be given as name');
    expect(await records()).toHaveLength(before);
  });

  it('ignores bots, its own comments among them', async () => {
    const comment = commentPayload('/chaingate allow debug@4.4.2 reason: a bot said so', 'renovate[bot]', { type: 'Bot' });
    const before = h.api.requests.length;
    const comments = h.api.comments(FULL_NAME, PR).length;
    await h.deliver('issue_comment', comment);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // (A retried judgement of the pull request may be reading trees meanwhile; no request is about the comment.)
    expect(h.api.requests.slice(before).filter((r) => /collaborators|comments|pulls/u.test(r.path))).toEqual([]);
    expect(h.api.comments(FULL_NAME, PR)).toHaveLength(comments);
    expect((await records()).some(([actor]) => actor === 'renovate[bot]')).toBe(false);
  });

  it('waives what a maintainer allows, saying who and why, until the check passes', async () => {
    const first = commentPayload('/chaingate allow debug@4.4.2 reason: reviewed the tarball', 'mona');
    const allowed = escapeMarkdown('allowed by @mona: reviewed the tarball', 300);
    await h.deliver('issue_comment', first);
    await waitFor(() => run().status === 'completed' && run().output.summary?.includes(allowed), 'the check judged again with the override');
    expect(run().output.summary).toContain('MAL-2025-46974');
    expect((await records()).at(-1)).toEqual(['mona', 'allowed', 'debug@4.4.2', 'reviewed the tarball']);
    expect(replies(first.comment.id)).toEqual([]);

    // Allow whatever still blocks, one comment per package, as a maintainer would.
    const blocking = (run().annotations as { title: string; annotation_level: string }[]).filter((a) => a.annotation_level === 'failure').map((a) => /([^\s]+@\d[^\s:]*)/u.exec(a.title)?.[1]);
    expect(blocking.length).toBeGreaterThan(0);
    for (const spec of new Set(blocking)) await h.deliver('issue_comment', commentPayload(`/chaingate allow ${spec} reason: accepted risk`, 'mona'));
    await waitFor(() => run().status === 'completed' && run().conclusion !== 'failure', 'the check to pass');
    expect(h.api.checkRuns(FULL_NAME).filter((r) => r.head_sha === h.commits.malicious)).toHaveLength(1);
    h.api.assertValid();
  });
});
