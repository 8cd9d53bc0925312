import type { CommentAuthor, IssueComment, IssueComments, IssueRef } from './issue-comments.js';

/** The hidden marker that finds chaingate's own summary comment on a pull request (the Action's and the App's). */
export const COMMENT_MARKER = '<!-- chaingate:summary -->';
/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/** What the comment says: the PR is blocked, it was and no longer is, or it never was. */
export type CommentState = 'blocking' | 'resolved' | 'clean';
export type CommentAction = 'created' | 'updated' | 'unchanged' | 'none';

/** The identity a workflow's GITHUB_TOKEN writes as. The App passes its own `<slug>[bot]`. */
export const GITHUB_ACTIONS_BOT: CommentAuthor = { login: 'github-actions[bot]', type: 'Bot' };

const STATE = /^<!-- chaingate:state=(blocking|resolved|clean) -->$/mu;

/**
 * Ensures the one chaingate comment on a pull request that starts with
 * `marker` (the summary's by default) says what `plan` decides from the
 * comment found by that marker: updates it (leaving it alone when it
 * already says exactly that), creates it, or writes nothing when `plan`
 * returns undefined. Never adds a second comment. The body `plan` returns
 * must start with the marker.
 *
 * Only a comment written by `author` (the identity chaingate writes as) is
 * chaingate's: anyone can post a comment that starts with the marker, and
 * such a planted comment must neither be edited nor stop the report from
 * being posted, nor feed `plan` a state it never had.
 */
export async function ensureStickyComment(
  comments: IssueComments,
  issue: IssueRef,
  plan: (existing: IssueComment | undefined) => string | undefined,
  author: CommentAuthor = GITHUB_ACTIONS_BOT,
  marker: string = COMMENT_MARKER,
): Promise<{ action: CommentAction; body?: string }> {
  const existing = (await comments.list(issue)).find((c) => c.body.startsWith(marker) && isWrittenBy(c, author));
  const body = plan(existing);
  if (body === undefined) return { action: 'none' };
  if (existing) {
    if (existing.body === body) return { action: 'unchanged', body };
    await comments.update(issue, existing.id, body);
    return { action: 'updated', body };
  }
  await comments.create(issue, body);
  return { action: 'created', body };
}

export interface CommentPlan {
  readonly mode: 'always' | 'on-failure';
  readonly failure: boolean;
  /** The verdict as Markdown, already within {@link MAX_COMMENT_LENGTH} less room for the framing. */
  readonly report: string;
  readonly headSha: string;
}

/**
 * The comment body for this run, given the comment already there: the report
 * while the PR is blocked; marked resolved once it no longer is (never
 * deleted, so the history of the review stays readable); a clean report
 * only in `always` mode. `on-failure` creates nothing for a clean PR.
 */
export function planComment(plan: CommentPlan): (existing: IssueComment | undefined) => string | undefined {
  return (existing) => {
    const previous = existing ? STATE.exec(existing.body)?.[1] as CommentState | undefined : undefined;
    if (plan.failure) return commentBody('blocking', `${plan.report}\n<sub>chaingate checked ${shortSha(plan.headSha)}.</sub>\n`);
    if (previous === 'blocking' || previous === 'resolved') {
      return commentBody('resolved', `**Resolved** at ${shortSha(plan.headSha)}: nothing blocks this pull request any more.\n\n${plan.report}`);
    }
    if (existing || plan.mode === 'always') return commentBody('clean', `${plan.report}\n<sub>chaingate checked ${shortSha(plan.headSha)}.</sub>\n`);
    return undefined;
  };
}

function isWrittenBy(comment: IssueComment, author: CommentAuthor): boolean {
  return comment.author?.login === author.login && comment.author.type === author.type;
}

/** Room the framing takes around the report (markers, resolved line, footer). */
export const COMMENT_FRAMING = 400;

function commentBody(state: CommentState, text: string): string {
  const body = `${COMMENT_MARKER}\n<!-- chaingate:state=${state} -->\n${text}`;
  return body.length <= MAX_COMMENT_LENGTH ? body : `${body.slice(0, MAX_COMMENT_LENGTH - 2)}…\n`;
}

function shortSha(sha: string): string {
  return `\`${sha.replace(/[^A-Za-z0-9._/-]/gu, '').slice(0, 12)}\``;
}
