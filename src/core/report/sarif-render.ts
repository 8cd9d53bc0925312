import type { Decision, Outcome, Verdict } from '../findings.js';
import { firstPath } from './describe-change.js';
import { lineOf, type LockfileLines } from './lockfile-lines.js';
import { fingerprint } from './sarif-fingerprint.js';
import { buildRules, ruleIdOf } from './sarif-rules.js';
import { changeVersion, sortDecisions } from './verdict-order.js';
import { plainText } from './verdict-plain.js';
import { redactCredentials } from '../redact.js';

/** The OASIS SARIF 2.1.0 (errata 01) schema this output validates against. */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export interface SarifMeta {
  readonly toolVersion: string;
  /** Where people read about the tool; rules without a page of their own link here. */
  readonly informationUri: string;
  /** Package lines per lockfile (see indexPackageLines); without them results point at line 1. */
  readonly lines?: LockfileLines | undefined;
}

const LEVEL: Readonly<Record<Outcome, 'error' | 'warning' | 'note'>> = { block: 'error', warn: 'warning', allow: 'note' };

/**
 * The verdict as SARIF 2.1.0 for GitHub code scanning: one result per
 * finding at the lockfile line of the package, level from the outcome,
 * allowed findings as suppressed notes, and a fingerprint that stays the same
 * across runs. Message text is plain (no control characters); only rule help
 * carries Markdown, escaped.
 */
export function renderSarif(verdict: Verdict, meta: SarifMeta): string {
  const decisions = sortDecisions(verdict.decisions);
  const { rules, indexOf } = buildRules(decisions, meta.informationUri);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'chaingate', version: meta.toolVersion, semanticVersion: meta.toolVersion, informationUri: meta.informationUri, rules } },
        results: decisions.map((d) => result(d, indexOf, meta.lines)),
        columnKind: 'utf16CodeUnits',
        properties: { conclusion: verdict.conclusion, counts: verdict.counts },
      },
    ],
  };
  // Credentials: a second line of defence (the graph builder already removed them), also for advisory text.
  return `${redactCredentials(JSON.stringify(log, null, 2)).replaceAll('##[', '#\\u0023[')}\n`;
}

function result(d: Decision, indexOf: ReadonlyMap<string, number>, lines: LockfileLines | undefined): Record<string, unknown> {
  const f = d.finding;
  const c = f.change;
  const version = changeVersion(c);
  const ruleId = ruleIdOf(d);
  const startLine = lineOf(lines, c.lockfile, c.name, version) ?? 1;
  return {
    ruleId,
    ruleIndex: indexOf.get(ruleId),
    level: LEVEL[d.outcome],
    message: { text: message(d) },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(c.lockfile), uriBaseId: '%SRCROOT%' }, region: { startLine } } }],
    partialFingerprints: { 'chaingate/v1': fingerprint([f.signal, c.ecosystem, c.name, version, c.lockfile, ruleId, f.ids.join(',')]) },
    ...(d.outcome === 'allow'
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: plainText(d.exception ? `exception ${d.exception.id} (${d.exception.owner}, expires ${d.exception.expires}): ${d.exception.reason}` : `allowed by policy rule ${d.rule}`, 1000) }] }
      : {}),
    properties: {
      signal: f.signal,
      outcome: d.outcome,
      severity: f.severity,
      tier: d.tier,
      rule: d.rule,
      ecosystem: c.ecosystem,
      package: c.name,
      version,
      purl: c.purl,
      ids: f.ids,
      direct: c.direct,
      dev: c.dev,
    },
  };
}

function message(d: Decision): string {
  const f = d.finding;
  const c = f.change;
  const from = c.from && c.to && c.from !== c.to ? ` (from ${c.from})` : '';
  const scope = c.direct ? 'direct' : `transitive via ${firstPath(c) ?? '?'}`;
  const verb = d.outcome === 'block' ? 'Blocked' : d.outcome === 'warn' ? 'Warning' : 'Allowed';
  return plainText(`${verb}: ${c.name}@${changeVersion(c)}${from}, ${scope}${c.dev ? ', dev' : ''}. ${f.title} [${f.ids.join(', ') || f.signal}; rule ${d.rule}]`, 2000);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
