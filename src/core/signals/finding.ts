import type { Change } from '../diff/change.js';
import type { Severity } from '../facts.js';
import type { EvidenceValue, Finding, SignalId } from '../findings.js';

const MAX_TITLE = 200;

/** Builds a finding, dropping evidence entries that are `undefined` so every report shows the same keys for the same facts. */
export function makeFinding(
  signal: SignalId,
  severity: Severity,
  change: Change,
  title: string,
  ids: readonly string[],
  evidence: Readonly<Record<string, EvidenceValue | undefined>>,
): Finding {
  const kept: Record<string, EvidenceValue> = {};
  for (const [key, value] of Object.entries(evidence)) if (value !== undefined) kept[key] = value;
  return { signal, severity, change, title: oneLine(title), ids: [...new Set(ids)], evidence: kept };
}

/** Untrusted text on one line: control characters and line breaks become spaces, long text is cut. Escaping is the renderers' job. */
export function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TITLE ? `${flat.slice(0, MAX_TITLE - 1)}…` : flat;
}

/** `name@version` of the head side (the base side for a change without one). */
export function label(change: Change): string {
  return `${change.name}@${change.to ?? change.from ?? ''}`;
}
