import { escapeTerminal } from '../report/escape-terminal.js';
import type { RemediationPlan } from './types.js';

/** The plan as a terminal reads it: per affected version the remedy and why, then the manifest edits. */
export function renderPlanText(plan: RemediationPlan): string {
  const e = escapeTerminal;
  const head = `${e(plan.advisory)}${plan.malware ? ' (malware)' : ''}: ${e(plan.package)} in ${e(plan.lockfile)} (${plan.manager})`;
  if (plan.status === 'not-exposed') return `${head}\n  not exposed: no affected version in this lockfile\n`;
  const lines = [head];
  for (const remedy of plan.remedies) {
    lines.push(`  ${remedy.strategy} ${e(plan.package)} ${e(remedy.from)}${remedy.to ? ` → ${e(remedy.to)}` : ''}: ${e(remedy.reason)}`);
    for (const path of remedy.paths) lines.push(`    path: ${e(path.workspace)} > ${path.packages.map(e).join(' > ')}`);
    for (const range of remedy.ranges) lines.push(`    range: ${e(range)}`);
    if (remedy.via) lines.push(`    parent update: ${e(remedy.via.name)} ${e(remedy.via.from)} → ${e(remedy.via.to)} (requires ${e(plan.package)} ${e(remedy.via.range)})`);
  }
  if (plan.status === 'manual') {
    lines.push('  cannot be done automatically: nothing is changed');
  } else {
    for (const edit of plan.edits.filter((x) => x.from !== x.to)) {
      lines.push(`  edit ${e(edit.manifest)} ${e(edit.key.join(' › '))}: ${edit.from === undefined ? '(new)' : JSON.stringify(e(edit.from))} → ${JSON.stringify(e(edit.to))} (${e(edit.why)})`);
    }
  }
  return `${lines.join('\n')}\n`;
}
