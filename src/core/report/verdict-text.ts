import type { AppliedException, Decision, Verdict } from '../findings.js';
import { firstPath, versionTransition } from './describe-change.js';
import { sortDecisions } from './verdict-order.js';
import { logText } from './verdict-plain.js';

const CONCLUSION = { success: 'PASS', neutral: 'PASS with warnings', failure: 'FAIL' } as const;
const TAG = { block: 'BLOCK', warn: 'WARN ', allow: 'ALLOW' } as const;

/**
 * The verdict for a terminal or CI log: one block per finding. Untrusted text
 * has its control characters shown, not obeyed, and never starts a line, so
 * it cannot forge a workflow command (`::error::`).
 */
export function renderVerdictText(verdict: Verdict, options: { readonly showAllowed?: boolean } = {}): string {
  const { block, warn, allow } = verdict.counts;
  const lines = [`chaingate: ${CONCLUSION[verdict.conclusion]} (${block} blocked, ${warn} warned, ${allow} allowed)`];
  const decisions = sortDecisions(verdict.decisions);
  // Allowed findings by rule are the policy saying "fine": a terminal shows them only on request;
  // those allowed by an exception are always shown, since someone owns that decision.
  const shown = options.showAllowed ? decisions : decisions.filter((d) => d.outcome !== 'allow' || d.exception);
  if (shown.length > 0) lines.push('');
  for (const d of shown) lines.push(...decisionLines(d));
  const hidden = decisions.length - shown.length;
  if (hidden > 0) lines.push('', `${hidden} finding${hidden === 1 ? '' : 's'} allowed by the policy not shown (--verbose, or --format json, lists them).`);
  if (verdict.unavailable.length > 0) {
    lines.push('', 'Facts unavailable:');
    for (const u of verdict.unavailable) lines.push(`  ${TAG[u.outcome]} ${logText(u.kind)} from ${logText(u.source)}: ${logText(u.reason)}`);
  }
  if (verdict.expiredExceptions.length > 0) {
    lines.push('', 'Expired exceptions (no longer applied):');
    for (const e of verdict.expiredExceptions) lines.push(`  - ${exceptionText(e)}`);
  }
  if (verdict.unusedExceptions.length > 0) {
    lines.push('', 'Unused exceptions (matched no finding):');
    for (const e of verdict.unusedExceptions) lines.push(`  - ${exceptionText(e)}`);
  }
  return `${lines.join('\n')}\n`;
}

function decisionLines(d: Decision): string[] {
  const f = d.finding;
  const c = f.change;
  const ids = f.ids.length > 0 ? `  ${f.ids.map(logText).join(', ')}` : '';
  const lines = [
    `${TAG[d.outcome]} ${f.signal} (${f.severity}, tier ${d.tier})  ${logText(c.name)} ${logText(versionTransition(c))}${ids}`,
    `      › ${logText(f.title)}`,
  ];
  const path = c.direct ? undefined : firstPath(c);
  lines.push(`      ${c.direct ? 'direct' : 'transitive'}, ${c.dev ? 'dev' : 'runtime'} in ${logText(c.lockfile)}${path ? ` via ${logText(path)}` : ''}`);
  lines.push(d.exception ? `      allowed by exception ${exceptionText(d.exception)}` : `      rule: ${logText(d.rule)}`);
  return lines;
}

function exceptionText(e: AppliedException): string {
  return `${logText(e.id)} (owner ${logText(e.owner)}, expires ${logText(e.expires)}): ${logText(e.reason)}`;
}
