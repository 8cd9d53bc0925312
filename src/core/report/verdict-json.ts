import type { DiffSummary } from '../diff/change.js';
import type { AppliedException, Decision, EvidenceValue, Verdict } from '../findings.js';
import { changeVersion, sortDecisions } from './verdict-order.js';
import { redactCredentials } from '../redact.js';

/** Version of the JSON verdict (`chaingate check --format json`); bumped on any incompatible change. Schema: verdict-schema.json. */
export const VERDICT_JSON_SCHEMA_VERSION = 1;

export interface VerdictJsonMeta {
  readonly toolVersion: string;
  /** What was compared, as the user named it (refs or files). */
  readonly base?: string | undefined;
  readonly head?: string | undefined;
  /** Summary of the dependency changes the verdict judged. */
  readonly changes: DiffSummary;
}

/**
 * The machine-readable verdict, valid against `verdict-schema.json`. Values
 * are the real data (names and summaries unescaped: consumers escape for
 * their medium); findings are sorted as in every other format and object
 * keys are stable, so two runs give identical bytes.
 */
export function renderVerdictJson(verdict: Verdict, meta: VerdictJsonMeta): string {
  const document = {
    schemaVersion: VERDICT_JSON_SCHEMA_VERSION,
    tool: { name: 'chaingate', version: meta.toolVersion },
    ...(meta.base === undefined ? {} : { base: meta.base }),
    ...(meta.head === undefined ? {} : { head: meta.head }),
    conclusion: verdict.conclusion,
    counts: { block: verdict.counts.block, warn: verdict.counts.warn, allow: verdict.counts.allow },
    findings: sortDecisions(verdict.decisions).map(findingJson),
    unavailable: verdict.unavailable.map((u) => ({ source: u.source, kind: u.kind, reason: u.reason, outcome: u.outcome })),
    expiredExceptions: verdict.expiredExceptions.map(exceptionJson),
    unusedExceptions: verdict.unusedExceptions.map(exceptionJson),
    changes: meta.changes,
  };
  // `#` only occurs inside JSON strings; `\u0023` keeps the value and stops a CI log from reading `##[command]`.
  // Credentials: a second line of defence (the graph builder already removed them), also for advisory text.
  return `${redactCredentials(JSON.stringify(document, null, 2)).replaceAll('##[', '#\\u0023[')}\n`;
}

function findingJson(d: Decision): Record<string, unknown> {
  const f = d.finding;
  const c = f.change;
  return {
    signal: f.signal,
    outcome: d.outcome,
    severity: f.severity,
    tier: d.tier,
    ecosystem: c.ecosystem,
    name: c.name,
    version: changeVersion(c),
    from: c.from ?? null,
    change: c.type,
    purl: c.purl,
    ids: f.ids,
    rule: d.rule,
    title: f.title,
    direct: c.direct,
    dev: c.dev,
    lockfile: c.lockfile,
    workspaces: c.workspaces,
    paths: c.paths.map((p) => ({ workspace: p.workspace, packages: p.packages, ...(p.omitted ? { omitted: p.omitted } : {}) })),
    evidence: sortedEvidence(f.evidence),
    ...(d.exception ? { exception: exceptionJson(d.exception) } : {}),
  };
}

function exceptionJson(e: AppliedException): Record<string, string> {
  return { id: e.id, reason: e.reason, owner: e.owner, expires: e.expires };
}

/** Keys sorted; non-finite numbers (which JSON cannot hold) as text; fromEntries so a `__proto__` key stays data. */
function sortedEvidence(evidence: Readonly<Record<string, EvidenceValue>>): Record<string, EvidenceValue> {
  return Object.fromEntries(
    Object.keys(evidence)
      .sort()
      .map((key) => {
        const value = evidence[key]!;
        return [key, typeof value === 'number' && !Number.isFinite(value) ? String(value) : value];
      }),
  );
}
