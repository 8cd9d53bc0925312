import type { Severity } from '../facts.js';
import type { AppliedException, Decision, Outcome, Verdict } from '../findings.js';
import { firstPath, versionTransition } from './describe-change.js';
import { GITHUB_MARKDOWN_LIMIT } from './diff-markdown.js';
import { codeSpan, escapeMarkdown } from './escape-markdown.js';
import { advisoryUrl } from './verdict-links.js';
import { SEVERITY_ORDER, severityRank, sortDecisions } from './verdict-order.js';

export interface VerdictMarkdownOptions {
  /** GitHub's limit on a check-run summary or comment by default. */
  readonly maxLength?: number;
  /** Name in the heading; `chaingate` by default. */
  readonly title?: string;
}

const HEADING = { success: '✅', neutral: '⚠️', failure: '❌' } as const;
const OUTCOME_LABEL = { block: '❌ block', warn: '⚠️ warn', allow: 'allow' } as const;

/** One line of the report that may be cut; lower `rank` is kept longer. */
interface Row {
  readonly section: 'findings' | 'allowed' | 'unavailable' | 'exceptions';
  readonly rank: number;
  readonly text: string;
  /** Outcome and severity of a finding row, to say what was cut. */
  readonly finding?: { readonly outcome: Outcome; readonly severity: Severity };
}

const SECTION_HEAD = {
  findings: ['#### Blocked and warned', '', '| Outcome | Signal | Severity | Package | Version | Scope | Finding | IDs | Rule |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'],
  allowed: ['#### Allowed', '', '| Signal | Severity | Package | Version | Finding | IDs | Why |', '| --- | --- | --- | --- | --- | --- | --- |'],
  unavailable: ['#### Facts unavailable', ''],
  exceptions: ['#### Exceptions', ''],
} as const;

/**
 * The verdict as GitHub Markdown (check-run summary, job summary, PR comment).
 * Untrusted text is escaped; the only links are the advisory links we build.
 * Past `maxLength`, the least important rows go first — allowed findings,
 * then warnings, then blocks, lowest severity first within each — and the
 * report says how many were cut and where the full list is.
 */
export function renderVerdictMarkdown(verdict: Verdict, options: VerdictMarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_MARKDOWN_LIMIT;
  const head = [`### ${HEADING[verdict.conclusion]} ${escapeMarkdown(options.title ?? 'chaingate', 100)}: ${headline(verdict)}`, '', summaryLine(verdict)];
  const rows = collectRows(verdict);
  const fixed = `${head.join('\n')}\n` + Object.values(SECTION_HEAD).map((lines) => `\n${lines.join('\n')}\n`).join('');
  const budget = maxLength - fixed.length - NOTICE_RESERVE;
  const kept = new Set<Row>();
  let used = 0;
  for (const row of [...rows].sort((a, b) => a.rank - b.rank)) {
    if (used + row.text.length + 1 > budget) break;
    kept.add(row);
    used += row.text.length + 1;
  }
  let out = `${head.join('\n')}\n`;
  for (const section of Object.keys(SECTION_HEAD) as Row['section'][]) {
    const lines = rows.filter((r) => r.section === section && kept.has(r)).map((r) => r.text);
    if (lines.length > 0) out += `\n${[...SECTION_HEAD[section], ...lines].join('\n')}\n`;
  }
  const cut = rows.filter((r) => !kept.has(r));
  if (cut.length > 0) out += `\n${cutNotice(cut)}\n`;
  // Only a budget smaller than the heading itself gets here; cut hard rather than exceed the limit.
  return out.length > maxLength ? `${out.slice(0, Math.max(0, maxLength - 2))}…\n` : out;
}

const NOTICE_RESERVE = 400;

function headline(verdict: Verdict): string {
  const { block, warn } = verdict.counts;
  if (verdict.conclusion === 'failure' && block === 0) return 'failed: facts needed to judge the change are unavailable';
  if (verdict.conclusion === 'failure') return `${block} blocking finding${block === 1 ? '' : 's'}${warn > 0 ? `, ${warn} warning${warn === 1 ? '' : 's'}` : ''}`;
  if (verdict.conclusion === 'neutral') return warn > 0 ? `passed with ${warn} warning${warn === 1 ? '' : 's'}` : 'passed with warnings';
  return 'passed';
}

function summaryLine(verdict: Verdict): string {
  const { block, warn, allow } = verdict.counts;
  const total = block + warn + allow;
  if (total === 0 && verdict.unavailable.length === 0) return 'No findings in the dependency changes.';
  const parts = [`${block} blocked`, `${warn} warned`, `${allow} allowed`];
  const unavailable = verdict.unavailable.length > 0 ? ` ${verdict.unavailable.length} fact source${verdict.unavailable.length === 1 ? '' : 's'} could not answer.` : '';
  return `${total} finding${total === 1 ? '' : 's'}: ${parts.join(', ')}.${unavailable}`;
}

function collectRows(verdict: Verdict): Row[] {
  const rows: Row[] = [];
  for (const d of sortDecisions(verdict.decisions)) {
    const finding = { outcome: d.outcome, severity: d.finding.severity };
    const rank = severityRank(finding.severity);
    if (d.outcome === 'allow') rows.push({ section: 'allowed', rank: 20 + rank, text: allowedRow(d), finding });
    else rows.push({ section: 'findings', rank: (d.outcome === 'block' ? 0 : 10) + rank, text: findingRow(d), finding });
  }
  for (const u of verdict.unavailable) {
    const text = `- ${u.outcome === 'block' ? '❌' : u.outcome === 'warn' ? '⚠️' : 'ℹ️'} ${escapeMarkdown(u.kind)} from ${codeSpan(u.source, 100)}: ${escapeMarkdown(u.reason, 300)} (${u.outcome})`;
    rows.push({ section: 'unavailable', rank: u.outcome === 'block' ? -1 : u.outcome === 'warn' ? 9 : 25, text });
  }
  for (const e of verdict.expiredExceptions) rows.push({ section: 'exceptions', rank: 9, text: `- ⚠️ Expired, no longer applies: ${exceptionText(e)}` });
  for (const e of verdict.unusedExceptions) rows.push({ section: 'exceptions', rank: 26, text: `- Unused (matched no finding; remove it?): ${exceptionText(e)}` });
  return rows;
}

function findingRow(d: Decision): string {
  const f = d.finding;
  const c = f.change;
  return `| ${OUTCOME_LABEL[d.outcome]} | ${f.signal} | ${f.severity} | ${codeSpan(c.name)} | ${escapeMarkdown(versionTransition(c), 100)} | ${scope(d)} | ${escapeMarkdown(f.title, 300)} | ${ids(f.ids)} | ${codeSpan(d.rule, 100)} |`;
}

function allowedRow(d: Decision): string {
  const f = d.finding;
  const why = d.exception ? `exception ${exceptionText(d.exception)}` : `rule ${codeSpan(d.rule, 100)}`;
  return `| ${f.signal} | ${f.severity} | ${codeSpan(f.change.name)} | ${escapeMarkdown(versionTransition(f.change), 100)} | ${escapeMarkdown(f.title, 300)} | ${ids(f.ids)} | ${why} |`;
}

function scope(d: Decision): string {
  const c = d.finding.change;
  const kind = `${c.direct ? 'direct' : 'transitive'}, ${c.dev ? 'dev' : 'runtime'}`;
  const path = c.direct ? undefined : firstPath(c);
  return path ? `${kind}: ${escapeMarkdown(path, 300)}` : kind;
}

function ids(list: readonly string[]): string {
  const shown = list.slice(0, 5).map((id) => {
    const url = advisoryUrl(id);
    return url ? `[${id}](${url})` : codeSpan(id, 60);
  });
  return list.length > 5 ? `${shown.join(', ')} +${list.length - 5}` : shown.join(', ');
}

function exceptionText(e: AppliedException): string {
  return `${codeSpan(e.id, 100)} (owner ${escapeMarkdown(e.owner, 100)}, expires ${escapeMarkdown(e.expires, 20)}): ${escapeMarkdown(e.reason, 300)}`;
}

const CUT_LABEL = { block: ['blocking finding', 'blocking findings'], warn: ['warning', 'warnings'], allow: ['allowed finding', 'allowed findings'] } as const;

function cutNotice(cut: readonly Row[]): string {
  const parts: string[] = [];
  for (const outcome of ['block', 'warn', 'allow'] as const) {
    const rows = cut.filter((r) => r.finding?.outcome === outcome);
    if (rows.length === 0) continue;
    const bySeverity = SEVERITY_ORDER.map((s) => [s, rows.filter((r) => r.finding?.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    parts.push(`${rows.length} ${CUT_LABEL[outcome][rows.length === 1 ? 0 : 1]} (${bySeverity.join(', ')})`);
  }
  const others = cut.filter((r) => r.finding === undefined).length;
  if (others > 0) parts.push(`${others} other entr${others === 1 ? 'y' : 'ies'}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!;
  return `_Not shown to stay within GitHub's size limit: ${list}. The full list is in the JSON and SARIF output._`;
}
