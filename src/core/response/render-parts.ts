import { codeSpan, escapeMarkdown } from '../report/escape-markdown.js';
import type { AffectedPackage, IncidentView } from './incident-view.js';

/** A task-list item chaingate ticks itself from evidence. */
export function item(done: boolean, text: string): string {
  return `- [${done ? 'x' : ' '}] ${text}`;
}

/** An ISO timestamp to the second, or `—`. */
export function when(date: Date | undefined): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/u, 'Z') : '—';
}

/** `3h 12m`, `45s`, or `—` when either end is missing. */
export function duration(from: Date | undefined, to: Date | undefined): string {
  if (!from || !to) return '—';
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function affectedText(affected: readonly AffectedPackage[]): string {
  if (affected.length === 0) return 'the affected versions';
  const shown = affected.slice(0, 10).map((a) => `${codeSpan(a.name, 100)} ${codeSpan(a.versions, 100)} (${escapeMarkdown(a.ecosystem, 20)})`);
  return affected.length > 10 ? `${shown.join(', ')} and ${affected.length - 10} more` : shown.join(', ');
}

/** The incident's header lines: what, how bad, which ids. */
export function incidentHeader(incident: IncidentView): string[] {
  const aliases = incident.aliases.filter((a) => a !== incident.id).slice(0, 10);
  return [
    `**${escapeMarkdown(incident.title, 300)}**`,
    '',
    `Advisory ${codeSpan(incident.id, 100)}${aliases.length > 0 ? ` (also ${aliases.map((a) => codeSpan(a, 100)).join(', ')})` : ''} · ${escapeMarkdown(incident.kind, 20)} · severity ${escapeMarkdown(incident.severity, 20)} · affects ${affectedText(incident.affected)}`,
  ];
}

/** The first affected package for a title: `debug@4.4.2`. */
export function affectedShort(affected: readonly AffectedPackage[]): string {
  const first = affected[0];
  if (!first) return 'affected packages';
  return `${first.name}@${first.versions}${affected.length > 1 ? ` (+${affected.length - 1})` : ''}`;
}

/** A commit SHA shortened for display (SHAs come from our inventory, but are text all the same). */
export function shortSha(sha: string): string {
  return codeSpan(sha.slice(0, 12), 12);
}
