import type { Verdict } from '../core/findings.js';
import { buildAnnotations } from '../core/report/annotations.js';
import { escapeMarkdown } from '../core/report/escape-markdown.js';
import type { LockfileLines } from '../core/report/lockfile-lines.js';
import { renderVerdictMarkdown } from '../core/report/verdict-markdown.js';
import type { RunnerCommands } from './environment.js';

/** The runner refuses a step summary over 1 MiB; keep room for the error line and the run's header. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024 - 4096;
/** GitHub shows at most 10 error and 10 warning annotations per step and 50 per job; more is noise. */
export const MAX_ANNOTATIONS = 50;

/**
 * The verdict as Markdown within `maxBytes` of UTF-8: rendered with the
 * report's own severity-ordered cutting (which says what was cut), shrunk
 * until the bytes fit, since the report counts characters.
 */
export function renderWithinBytes(verdict: Verdict, maxBytes: number, title?: string): string {
  let maxLength = maxBytes;
  for (;;) {
    const text = renderVerdictMarkdown(verdict, { maxLength, ...(title ? { title } : {}) });
    const bytes = Buffer.byteLength(text);
    if (bytes <= maxBytes || maxLength < 1024) return text;
    maxLength = Math.floor(maxLength * (maxBytes / bytes) * 0.98);
  }
}

/** Blocked and warned findings as annotations on their lockfile lines, blocks first; at most {@link MAX_ANNOTATIONS}. */
export function publishAnnotations(runner: RunnerCommands, verdict: Verdict, lines: LockfileLines): { shown: number; total: number } {
  const all = buildAnnotations(verdict, lines).filter((a) => a.annotation_level !== 'notice');
  const shown = all.slice(0, MAX_ANNOTATIONS);
  for (const a of shown) {
    const level = a.annotation_level === 'failure' ? 'error' : 'warning';
    runner.annotate(level, breakRunnerCommands(a.message), { title: breakRunnerCommands(a.title), file: breakRunnerCommands(a.path), startLine: a.start_line, endLine: a.end_line });
  }
  return { shown: shown.length, total: all.length };
}

/**
 * @actions/core percent-encodes line breaks and `%` in annotations, but the
 * runner also obeys the legacy `##[command]` form anywhere in a line, the
 * annotation's own line included: break it up as the log text does.
 */
function breakRunnerCommands(text: string): string {
  return text.replaceAll('##[', '#\\u0023[');
}

/** One clear line for the job summary when the run could not judge anything. */
export function errorSummary(message: string): string {
  return `### ❌ chaingate could not run\n\n${escapeMarkdown(message, 2000)}\n`;
}
