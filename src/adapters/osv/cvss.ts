/**
 * CVSS 3.0 / 3.1 base score from a vector string, as the FIRST specification
 * defines it (https://www.first.org/cvss/v3.1/specification-document §7).
 * Temporal and environmental metrics are ignored: advisories give base scores.
 */

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
type BaseMetric = (typeof BASE_METRICS)[number];

/** @returns the base score 0.0–10.0, or `undefined` when the vector is not a valid CVSS 3.x base vector. */
export function cvss3BaseScore(vector: string): number | undefined {
  const match = /^CVSS:3\.([01])\/(.*)$/.exec(vector.trim());
  if (!match) return undefined;
  const metrics = parseMetrics(match[2] ?? '');
  if (!metrics) return undefined;
  const av = pick(WEIGHTS.AV, metrics.AV);
  const ac = pick(WEIGHTS.AC, metrics.AC);
  const ui = pick(WEIGHTS.UI, metrics.UI);
  const c = pick(WEIGHTS.CIA, metrics.C);
  const i = pick(WEIGHTS.CIA, metrics.I);
  const a = pick(WEIGHTS.CIA, metrics.A);
  const scope = metrics.S;
  if (scope !== 'U' && scope !== 'C') return undefined;
  const pr = privilegesWeight(metrics.PR, scope === 'C');
  if (av === undefined || ac === undefined || ui === undefined || c === undefined || i === undefined || a === undefined || pr === undefined) return undefined;

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  const roundUp = match[1] === '1' ? roundUp31 : roundUp30;
  return scope === 'U' ? roundUp(Math.min(impact + exploitability, 10)) : roundUp(Math.min(1.08 * (impact + exploitability), 10));
}

/** The qualitative rating of a CVSS 3 score. */
export function cvssSeverity(score: number): 'critical' | 'high' | 'moderate' | 'low' {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'moderate';
  return 'low';
}

function parseMetrics(text: string): Record<BaseMetric, string> | undefined {
  const seen = new Map<string, string>();
  for (const part of text.split('/')) {
    const [name, value, extra] = part.split(':');
    if (!name || value === undefined || extra !== undefined || seen.has(name)) return undefined;
    seen.set(name, value);
  }
  const out: Partial<Record<BaseMetric, string>> = {};
  for (const metric of BASE_METRICS) {
    const value = seen.get(metric);
    if (value === undefined) return undefined;
    out[metric] = value;
  }
  return out as Record<BaseMetric, string>;
}

function pick<T extends Record<string, number>>(table: T, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key as keyof T] : undefined;
}

function privilegesWeight(value: string, scopeChanged: boolean): number | undefined {
  if (value === 'N') return 0.85;
  if (value === 'L') return scopeChanged ? 0.68 : 0.62;
  if (value === 'H') return scopeChanged ? 0.5 : 0.27;
  return undefined;
}

/** CVSS 3.1 Roundup: the smallest one-decimal number ≥ x, computed on integers to avoid float artefacts. */
function roundUp31(x: number): number {
  const scaled = Math.round(x * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

function roundUp30(x: number): number {
  return Math.ceil(x * 10) / 10;
}
