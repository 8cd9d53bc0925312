import { escapeTerminal } from '../report/escape-terminal.js';
import type { IncidentDetail } from './types.js';

/** What `chaingate respond` did, as its text and JSON output show it. */
export interface RespondReport {
  readonly record: string;
  readonly intake:
    | { readonly kind: 'created' | 'unchanged'; readonly incident: string }
    | { readonly kind: 'updated'; readonly incident: string; readonly absorbed: readonly string[]; readonly changed: readonly string[] }
    | { readonly kind: 'stale'; readonly incident: string; readonly storedModified: string };
  readonly scope: { readonly changed: boolean; readonly exposures: number; readonly tookMs: number };
  readonly queued: boolean;
  readonly incident: IncidentDetail;
}

export function renderRespondText(report: RespondReport): string {
  const { intake, incident, scope } = report;
  const kind = `${incident.malware ? 'malware' : 'vulnerability'}, ${incident.severity}, ${incident.status}`;
  const lines = [`${incident.id} ${intakeText(report)} (${kind}): ${escapeTerminal(incident.title)}`];
  if (intake.kind === 'updated' && intake.absorbed.length > 0) lines.push(`  merged into it: ${intake.absorbed.join(', ')} (the same advisory)`);
  const repositories = new Set(incident.exposures.map((e) => e.repository)).size;
  const tiers = [1, 2, 3].map((t) => [t, incident.exposures.filter((e) => e.tier === t).length] as const).filter(([, n]) => n > 0);
  const exposed = scope.exposures === 0 ? 'no exposure in the inventory' : `${scope.exposures} exposure${scope.exposures === 1 ? '' : 's'} in ${repositories} repositor${repositories === 1 ? 'y' : 'ies'} (${tiers.map(([t, n]) => `tier ${t}: ${n}`).join(', ')})`;
  lines.push(`  scope: ${exposed}, ${scope.changed ? 'recorded' : 'unchanged'} (${scope.tookMs} ms)`);
  lines.push(report.queued ? '  reconciliation queued (incident-reconcile)' : scope.changed || intake.kind === 'created' || intake.kind === 'updated' ? '  reconciliation already waiting' : '  nothing changed: nothing queued');
  return `${lines.join('\n')}\n`;
}

function intakeText(report: RespondReport): string {
  const { intake } = report;
  switch (intake.kind) {
    case 'created':
      return `created from ${report.record}`;
    case 'updated':
      return `updated by ${report.record}${intake.changed.length > 0 ? ` (${intake.changed.join(', ')} changed)` : ''}`;
    case 'unchanged':
      return `unchanged: ${report.record} is already recorded`;
    case 'stale':
      return `unchanged: this copy of ${report.record} is older than the stored one (modified ${intake.storedModified})`;
  }
}
