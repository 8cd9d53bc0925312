import { escapeTerminal } from '../report/escape-terminal.js';
import { incidentMetrics, type IncidentMetrics } from './metrics.js';
import type { IncidentDetail, IncidentListing } from './types.js';

/** `incidents list --format json`: each incident with its exposure counts and metrics. */
export function renderIncidentsJson(incidents: readonly IncidentListing[]): string {
  return `${JSON.stringify({ incidents: incidents.map((i) => ({ ...i, metrics: incidentMetrics(i) })) }, null, 2)}\n`;
}

/** `incidents show --format json`. */
export function renderIncidentJson(incident: IncidentDetail): string {
  return `${JSON.stringify({ ...incident, metrics: incidentMetrics(incident) }, null, 2)}\n`;
}

/** One line per incident: id, status, kind, exposures, ids, title. */
export function renderIncidentsText(incidents: readonly IncidentListing[]): string {
  if (incidents.length === 0) return 'no incidents in the store\n';
  const lines = incidents.map((i) => {
    const merged = i.mergedInto ? ` (merged into ${i.mergedInto})` : '';
    const exposed = `${i.exposureCount} exposure${i.exposureCount === 1 ? '' : 's'}/${i.repositoryCount} repo${i.repositoryCount === 1 ? '' : 's'}`;
    return escapeTerminal(`${i.id.padEnd(8)} ${i.status.padEnd(9)} ${(i.malware ? 'malware' : i.severity).padEnd(8)} ${exposed.padEnd(20)} ${i.ids.slice(0, 3).join(', ')}${i.ids.length > 3 ? ', …' : ''}: ${i.title}${merged}`);
  });
  return `${lines.join('\n')}\n`;
}

/** An incident with its timeline, metrics and exposures. */
export function renderIncidentText(incident: IncidentDetail): string {
  const t = incident.times;
  const lines = [
    escapeTerminal(`${incident.id}: ${incident.title}`),
    `  status:    ${incident.status}${incident.mergedInto ? ` (merged into ${incident.mergedInto})` : ''}`,
    `  kind:      ${incident.malware ? 'malware' : 'vulnerability'}, ${incident.severity}`,
    escapeTerminal(`  ids:       ${incident.ids.join(', ')}`),
    ...incident.affected.map((a, index) => escapeTerminal(`  ${index === 0 ? 'affects: ' : '         '}  ${a.ecosystem}:${a.name} ${a.versions}`)),
    '  timeline:',
    ...(
      [
        ['published', t.published],
        ['received', t.received],
        ['scoped', t.scoped],
        ['contained', t.contained],
        ['verified', t.verified],
        ['remediated', t.remediated],
        ['closed', t.closed],
        ['withdrawn', t.withdrawn],
      ] as const
    )
      .filter(([, at]) => at !== undefined)
      .map(([name, at]) => `    ${name.padEnd(11)}${at!.toISOString()}`),
    '  metrics:',
    ...metricLines(incidentMetrics(incident)),
    `  exposures: ${incident.exposures.length === 0 ? 'none' : incident.exposures.length}`,
  ];
  for (const e of incident.exposures) {
    const where = [`ref ${e.ref}`, `sha ${e.sha.slice(0, 12)}`, ...(e.environments.length > 0 ? [`deployed: ${e.environments.join(', ')}`] : [])].join(', ');
    lines.push(escapeTerminal(`    ${e.repository}  ${e.name}@${e.version}  tier ${e.tier}  ${e.direct ? 'direct' : 'transitive'}, ${e.dev ? 'dev' : 'runtime'}  (${where})  ${e.lockfile}`));
  }
  return `${lines.join('\n')}\n`;
}

function metricLines(metrics: IncidentMetrics): string[] {
  const named = [
    ['time to detect', metrics.timeToDetectMs],
    ['time to scope', metrics.timeToScopeMs],
    ['time to contain', metrics.timeToContainMs],
    ['time to remediate', metrics.timeToRemediateMs],
    ['time to close', metrics.timeToCloseMs],
  ] as const;
  return named.map(([name, ms]) => `    ${name.padEnd(18)}${ms === undefined ? '—' : duration(ms)}`);
}

/** `850 ms`, `12.3 s`, `4 min 5 s`, `3 h 2 min`, `2 d 4 h`. */
export function duration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)} ms`;
  if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
  const minutes = Math.floor(abs / 60_000);
  if (minutes < 60) return `${sign}${minutes} min ${Math.floor((abs % 60_000) / 1000)} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${sign}${hours} h ${minutes % 60} min`;
  return `${sign}${Math.floor(hours / 24)} d ${hours % 24} h`;
}
