import type { DesiredIssue } from './desired-issue.js';

/** An issue chaingate wrote before, as GitHub holds it now. */
export interface ExistingIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
  /** The state named by chaingate's last close/reopen comment on it, if any. */
  readonly lastTransition?: 'open' | 'closed' | undefined;
}

/** One request's worth of change; the reconciler applies them in order. */
export type IssueStep =
  | { readonly kind: 'create' }
  | { readonly kind: 'comment'; readonly state: 'open' | 'closed'; readonly body: string }
  /** One PATCH: a new title and body, a new state, or both (every write counts against GitHub's hourly limit). */
  | { readonly kind: 'update'; readonly title?: string | undefined; readonly body?: string | undefined; readonly state?: 'open' | 'closed' | undefined };

/**
 * The difference between what is on GitHub and what should be, as steps.
 * No issue and nothing to track (closed) → nothing is created. The comment
 * explaining a close or reopen goes first and is skipped when chaingate's
 * last such comment already says it, so a crash between the comment and the
 * state change never posts it twice. Body and state change in one request.
 */
export function planIssue(existing: ExistingIssue | undefined, desired: DesiredIssue): IssueStep[] {
  if (!existing) return desired.state === 'open' ? [{ kind: 'create' }] : [];
  const steps: IssueStep[] = [];
  const edit = existing.title !== desired.title || existing.body !== desired.body;
  const move = existing.state !== desired.state;
  // A reopen is only explained when chaingate had closed it before (a user-closed issue reopens with the body's reason).
  if (move && (desired.state === 'closed' || existing.lastTransition === 'closed') && existing.lastTransition !== desired.state) {
    steps.push({ kind: 'comment', state: desired.state, body: desired.state === 'closed' ? desired.closingComment : desired.reopeningComment });
  }
  if (edit || move) steps.push({ kind: 'update', ...(edit ? { title: desired.title, body: desired.body } : {}), ...(move ? { state: desired.state } : {}) });
  return steps;
}
