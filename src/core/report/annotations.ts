import type { Decision, Outcome, Verdict } from '../findings.js';
import { firstPath } from './describe-change.js';
import { lineOf, type LockfileLines } from './lockfile-lines.js';
import { changeVersion, sortDecisions } from './verdict-order.js';
import { clipUtf8, plainText } from './verdict-plain.js';

/** One annotation as the Checks API takes it (`output.annotations[]` of a check run). */
export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: 'failure' | 'warning' | 'notice';
  readonly message: string;
  readonly title: string;
}

/** The Checks API takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Limits of the Checks API: message 64 KB, title 255 characters. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_TITLE = 255;

const LEVEL: Readonly<Record<Outcome, CheckAnnotation['annotation_level']>> = { block: 'failure', warn: 'warning', allow: 'notice' };

/**
 * One annotation per finding, on the lockfile line of the package's entry
 * (line 1 when the lockfile was not indexed or the package not found).
 * Annotations show text as text; control characters are still removed so
 * nothing untrusted can add lines of its own.
 */
export function buildAnnotations(verdict: Verdict, lines?: LockfileLines): CheckAnnotation[] {
  return sortDecisions(verdict.decisions).map((d) => {
    const c = d.finding.change;
    const line = lineOf(lines, c.lockfile, c.name, changeVersion(c)) ?? 1;
    return { path: c.lockfile, start_line: line, end_line: line, annotation_level: LEVEL[d.outcome], message: message(d), title: title(d) };
  });
}

/** Splits annotations into requests of at most `size` (the Checks API's 50 by default). */
export function batchAnnotations<T>(list: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
  const batches: T[][] = [];
  for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size));
  return batches;
}

function title(d: Decision): string {
  const c = d.finding.change;
  const verb = d.outcome === 'block' ? 'Blocked' : d.outcome === 'warn' ? 'Warning' : 'Allowed';
  const text = plainText(`${verb} (${d.finding.signal}, ${d.finding.severity}): ${c.name}@${changeVersion(c)}`, MAX_TITLE);
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

function message(d: Decision): string {
  const f = d.finding;
  const c = f.change;
  const lines = [plainText(f.title, 4000)];
  if (f.ids.length > 0) lines.push(`Advisories: ${plainText(f.ids.join(', '), 2000)}`);
  lines.push(c.direct ? `Direct ${c.dev ? 'dev ' : ''}dependency.` : `Transitive ${c.dev ? 'dev ' : ''}dependency via ${plainText(firstPath(c) ?? '?', 2000)}.`);
  lines.push(
    d.exception
      ? `Allowed by exception ${plainText(d.exception.id, 200)} (owner ${plainText(d.exception.owner, 200)}, expires ${plainText(d.exception.expires, 20)}): ${plainText(d.exception.reason, 2000)}`
      : `Policy rule: ${plainText(d.rule, 200)} (tier ${d.tier}).`,
  );
  return clipUtf8(lines.join('\n'), MAX_MESSAGE_BYTES);
}
