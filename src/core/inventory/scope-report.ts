import { tierOf } from '../policy/match.js';
import type { Tier, TierDefinition } from '../policy/policy.js';
import type { Finding } from '../findings.js';
import type { Exposure } from '../ports.js';
import { codeSpan, escapeMarkdown } from '../report/escape-markdown.js';
import { escapeTerminal } from '../report/escape-terminal.js';
import type { Advisory } from '../facts.js';

/** The answer to "where are we exposed", ready to render. */
export interface ScopeResult {
  readonly query: string;
  readonly exposures: readonly Exposure[];
  /** With `--limit`: how many exposures there are in all (`exposures` holds the first ones). */
  readonly total?: number | undefined;
  readonly tookMs: number;
}

/** `--format json`: `{ query, exposures: [...], tookMs }`, and `total` (all exposures, not only those listed) with `--limit`. */
export function renderScopeJson(result: ScopeResult): string {
  const total = result.total === undefined ? {} : { total: result.total };
  return `${JSON.stringify({ query: result.query, exposures: result.exposures, ...total, tookMs: result.tookMs }, null, 2)}\n`;
}

/**
 * The tier the policy gives an exposure: as a malware or vulnerability
 * finding of the advisory's severity when the query is an advisory, else as
 * a vulnerability of unknown severity; direct / dev / workspace from the exposure.
 */
export function exposureTier(exposure: Exposure, tiers: readonly TierDefinition[], advisory: Pick<Advisory, 'id' | 'aliases' | 'malware' | 'severity'> | undefined): Tier {
  const finding: Finding = {
    signal: advisory?.malware ? 'malware' : 'vulnerability',
    severity: advisory?.severity ?? 'unknown',
    change: {
      type: 'added',
      ecosystem: exposure.ecosystem,
      name: exposure.name,
      to: exposure.version,
      lockfile: exposure.lockfile,
      purl: '',
      direct: exposure.direct,
      workspaces: exposure.path.slice(0, 1),
      paths: [],
      dev: exposure.dev,
    },
    title: '',
    ids: advisory ? [advisory.id, ...advisory.aliases] : [],
    evidence: {},
  };
  return tierOf(finding, tiers);
}

type Tiered = (exposure: Exposure) => Tier;

/** Text: one block per repository, each exposure with its path `npm explain` style. */
export function renderScopeText(result: ScopeResult, tier: Tiered): string {
  const lines = [`${escapeTerminal(result.query)}: ${summary(result)} (${result.tookMs} ms)`];
  for (const [repository, exposures] of byRepository(result.exposures)) {
    lines.push('', escapeTerminal(repository));
    for (const e of exposures) {
      const where = [`ref ${e.ref}`, `sha ${e.sha.slice(0, 12)}`, ...(e.environments.length > 0 ? [`deployed: ${e.environments.join(', ')}`] : [])].join(', ');
      lines.push(escapeTerminal(`  ${e.name}@${e.version}  tier ${tier(e)}  ${e.direct ? 'direct' : 'transitive'}, ${e.dev ? 'dev' : 'runtime'}  (${where})`));
      lines.push(`    ${escapeTerminal(e.lockfile)}: ${explain(e.path)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown: a section per repository with a table of exposures. */
export function renderScopeMarkdown(result: ScopeResult, tier: Tiered): string {
  const out = [`### Scope of ${codeSpan(result.query)}`, '', `${summary(result)} (${result.tookMs} ms).`];
  for (const [repository, exposures] of byRepository(result.exposures)) {
    out.push('', `#### ${escapeMarkdown(repository)}`, '', '| Package | Tier | Ref | SHA | Deployed | Kind | Path |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const e of exposures) {
      out.push(
        `| ${codeSpan(`${e.name}@${e.version}`)} | ${tier(e)} | ${codeSpan(e.ref)} | ${codeSpan(e.sha.slice(0, 12))} | ${e.environments.map((env) => escapeMarkdown(env)).join(', ') || '—'} | ${e.direct ? 'direct' : 'transitive'}, ${e.dev ? 'dev' : 'runtime'} | ${codeSpan(e.lockfile)}: ${escapeMarkdown(explain(e.path), 1000)} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function summary(result: ScopeResult): string {
  const repositories = byRepository(result.exposures).size;
  const total = result.total ?? result.exposures.length;
  if (total === 0) return 'not found in any repository of the inventory';
  if (total > result.exposures.length) return `${total} exposures; the first ${result.exposures.length} (--limit), in ${repositories} repositor${repositories === 1 ? 'y' : 'ies'}, are listed`;
  return `${total} exposure${total === 1 ? '' : 's'} in ${repositories} repositor${repositories === 1 ? 'y' : 'ies'}`;
}

/** `pkg@1 ← parent@2 ← (root)`, the package first, like `npm explain`. */
function explain(path: readonly string[]): string {
  const [workspace, ...packages] = path;
  return [...packages.reverse(), workspace === '.' ? '(root)' : `(workspace ${workspace ?? '?'})`].join(' ← ');
}

function byRepository(exposures: readonly Exposure[]): Map<string, Exposure[]> {
  const groups = new Map<string, Exposure[]>();
  for (const e of exposures) {
    const group = groups.get(e.repository);
    if (group) group.push(e);
    else groups.set(e.repository, [e]);
  }
  return groups;
}
