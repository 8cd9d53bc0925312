import { UsageError } from '../core/errors.js';

/** What a run compares, taken from the event (or the base-ref / head-ref inputs). */
export interface Revisions {
  /** `diff`: judge what head changes against base. `scan`: judge everything present at head (base empty). */
  readonly mode: 'diff' | 'scan';
  readonly base?: string | undefined;
  readonly head: string;
  /** The pull request to comment on, when the event has one. */
  readonly pullRequest?: number | undefined;
  /** `pull_request_target` runs with a write token in the base's context: PR code must never run. */
  readonly untrustedHead: boolean;
}

export interface EventContext {
  readonly eventName: string;
  readonly payload: unknown;
  /** `GITHUB_SHA`: the commit the workflow runs for. */
  readonly sha?: string | undefined;
  readonly baseRef?: string | undefined;
  readonly headRef?: string | undefined;
}

const ZERO_SHA = /^0+$/u;
const SCAN_EVENTS = new Set(['release', 'schedule', 'workflow_dispatch']);

/**
 * Base and head from the event payload; the base-ref and head-ref inputs win
 * when given. Pull requests and merge groups compare their base and head,
 * a push compares before with after (a new branch, whose `before` is all
 * zeros, is scanned whole), and release, schedule and workflow_dispatch scan
 * the ref: everything present is judged, not only what changed.
 * @throws {UsageError} NOT_FOUND when the event says nothing of what to compare and no inputs do
 */
export function resolveRevisions(context: EventContext): Revisions {
  const payload = asRecord(context.payload);
  const pr = asRecord(payload.pull_request);
  const fromEvent = eventRevisions(context.eventName, payload, context.sha);
  const head = context.headRef ?? fromEvent.head;
  const base = context.baseRef ?? fromEvent.base;
  const untrustedHead = context.eventName === 'pull_request_target';
  const pullRequest = typeof pr.number === 'number' ? pr.number : undefined;
  if (!head) {
    throw new UsageError('NOT_FOUND', `the ${context.eventName || 'unknown'} event names no head commit: set the head-ref input (and base-ref to compare)`);
  }
  if (context.baseRef === undefined && fromEvent.mode === 'unknown') {
    throw new UsageError('NOT_FOUND', `the ${context.eventName || 'unknown'} event names no base to compare with: set the base-ref input, or run on pull_request, pull_request_target, merge_group, push, release, schedule or workflow_dispatch`);
  }
  if (base === undefined) return { mode: 'scan', head, pullRequest, untrustedHead };
  return { mode: 'diff', base, head, pullRequest, untrustedHead };
}

function eventRevisions(eventName: string, payload: Record<string, unknown>, sha: string | undefined): { mode: 'diff' | 'scan' | 'unknown'; base?: string; head?: string } {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = asRecord(payload.pull_request);
      const base = text(asRecord(pr.base).sha);
      const head = text(asRecord(pr.head).sha);
      if (!base || !head) throw new UsageError('NOT_FOUND', `the ${eventName} payload has no pull_request.base.sha or head.sha: set base-ref and head-ref`);
      return { mode: 'diff', base, head };
    }
    case 'merge_group': {
      const group = asRecord(payload.merge_group);
      const base = text(group.base_sha);
      const head = text(group.head_sha);
      if (!base || !head) throw new UsageError('NOT_FOUND', 'the merge_group payload has no merge_group.base_sha or head_sha: set base-ref and head-ref');
      return { mode: 'diff', base, head };
    }
    case 'push': {
      const before = text(payload.before);
      const after = text(payload.after) ?? sha;
      if (!before || ZERO_SHA.test(before)) return { mode: 'scan', head: after };
      return { mode: 'diff', base: before, head: after };
    }
    default:
      if (SCAN_EVENTS.has(eventName)) return { mode: 'scan', head: sha };
      return { mode: 'unknown', head: sha };
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
