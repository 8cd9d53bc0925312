import { summarise, type Change } from '../diff/index.js';
import type { Advisory } from '../facts.js';
import { renderDiffMarkdown } from '../report/diff-markdown.js';
import { codeSpan, escapeMarkdown } from '../report/escape-markdown.js';
import { advisoryUrl } from '../report/verdict-links.js';
import type { CooldownBypass } from './cooldown.js';
import { remediationMarker } from './pull-request-keys.js';
import type { RemediationPlan } from './types.js';

/** Everything a remediation pull request says; all of it untrusted except the numbers. */
export interface RemediationPullRequest {
  readonly advisory: Advisory;
  /** The lockfile's path in the repository. */
  readonly lockfile: string;
  readonly plans: readonly RemediationPlan[];
  /** chaingate's diff of the lockfile before and after. */
  readonly changes: readonly Change[];
  /** The incident's risk tier for this repository, when the incident loop knows it. */
  readonly tier?: 1 | 2 | 3 | undefined;
  /** The incident checklist issue: rendered `owner/repo#number`, which GitHub links itself. */
  readonly incident?: { readonly owner: string; readonly repo: string; readonly number: number } | undefined;
  /** Targets younger than the policy's release-age cooldown (see {@link cooldownBypasses}). */
  readonly cooldown?: CooldownBypass | undefined;
}

/** GitHub's limit on a pull request body. */
const MAX_BODY = 65_536;
const MAX_TITLE = 256;

/** `Patch minimist 1.2.5 → 1.2.6 (GHSA-xvch-5gv4-984h)`, plain text (a title renders no Markdown), bounded. */
export function renderRemediationTitle(pr: RemediationPullRequest): string {
  const remedies = pr.plans.flatMap((plan) => plan.remedies.filter((r) => r.to !== undefined).map((r) => ({ plan, r })));
  const verb = remedies.some(({ r }) => r.strategy === 'revert') ? 'Revert' : 'Patch';
  const what = remedies.length === 1
    ? `${remedies[0]!.plan.package} ${remedies[0]!.r.from} → ${remedies[0]!.r.to!}`
    : [...new Set(remedies.map(({ plan }) => plan.package))].join(', ');
  const where = pr.lockfile.includes('/') ? ` in ${pr.lockfile.slice(0, pr.lockfile.lastIndexOf('/'))}` : '';
  const title = `${verb} ${what}${where} (${pr.advisory.id})`.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, ' ');
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title;
}

/**
 * The body: the advisory, severity and tier, what changes and why, the exposure
 * paths, the manifest edits, the cooldown bypass, chaingate's own diff summary,
 * and the hidden marker that finds this pull request again.
 */
export function renderRemediationBody(pr: RemediationPullRequest): string {
  const { advisory } = pr;
  const url = advisoryUrl(advisory.id);
  const id = url ? `[${escapeMarkdown(advisory.id)}](${url})` : codeSpan(advisory.id);
  const lines = [
    `## ${advisory.malware ? 'Revert a malicious release' : 'Security fix'}: ${escapeMarkdown(advisory.id)}`,
    '',
    `**Advisory** ${id}${advisory.summary ? `: ${escapeMarkdown(advisory.summary, 300)}` : ''}`,
    `**Severity** ${escapeMarkdown(advisory.severity)}${advisory.malware ? ' (malware)' : ''}${pr.tier ? ` · **Tier** ${pr.tier}` : ''} · **Lockfile** ${codeSpan(pr.lockfile)} (${pr.plans[0]?.manager ?? 'npm'})`,
  ];
  if (pr.incident) lines.push(`**Incident** ${escapeMarkdown(pr.incident.owner)}/${escapeMarkdown(pr.incident.repo)}#${pr.incident.number}`);
  lines.push('', '### What changes and why', '', '| Package | From | To | Strategy | Why |', '| --- | --- | --- | --- | --- |');
  for (const plan of pr.plans) {
    for (const r of plan.remedies) {
      lines.push(`| ${codeSpan(plan.package)} | ${escapeMarkdown(r.from)} | ${escapeMarkdown(r.to ?? '—')} | ${r.strategy} | ${escapeMarkdown(r.reason, 400)} |`);
    }
  }
  const paths = pr.plans.flatMap((plan) => plan.remedies.flatMap((r) => r.paths.map((p) => [p.workspace, ...p.packages].join(' › '))));
  if (paths.length > 0) lines.push('', '### Exposure paths', '', ...[...new Set(paths)].slice(0, 20).map((p) => `- ${escapeMarkdown(p, 500)}`));
  const ranges = pr.plans.flatMap((plan) => plan.remedies.flatMap((r) => r.ranges));
  if (ranges.length > 0) lines.push('', 'Ranges of the dependents: ' + [...new Set(ranges)].slice(0, 20).map((r) => escapeMarkdown(r)).join(', ') + '.');
  const updates = pr.plans.flatMap((plan) => plan.remedies.flatMap((r) => (r.via ? [r.via] : [])));
  for (const u of updates) lines.push('', `In-range parent update: ${codeSpan(u.name)} ${escapeMarkdown(u.from)} → ${escapeMarkdown(u.to)}, which requires ${codeSpan(`${u.range}`)}; the manifests keep their ranges.`);
  const edits = pr.plans.flatMap((p) => p.edits).filter((e) => e.from !== e.to);
  if (edits.length > 0) lines.push('', '### Manifest edits', '');
  for (const edit of edits) {
    lines.push(`- ${codeSpan(edit.manifest)} ${codeSpan(edit.key.join(' › '))}: ${edit.from === undefined ? '(new)' : codeSpan(edit.from)} → ${codeSpan(edit.to)} — ${escapeMarkdown(edit.why, 300)}`);
  }
  if (pr.cooldown && pr.cooldown.young.length > 0) {
    const young = pr.cooldown.young.map((y) => `${codeSpan(`${y.name}@${y.version}`)} (published ${y.ageHours} hours ago)`).join(', ');
    lines.push(
      '',
      '### Release-age cooldown',
      '',
      `The policy holds new releases back for ${pr.cooldown.minHours} hours. This security fix bypasses that gate for ${young} only; every other version stays under it.`,
    );
  }
  const marker = remediationMarker(advisory.id, pr.lockfile);
  const footer = [
    '',
    '---',
    `_Opened by chaingate. The lockfile was regenerated by the real package manager with install scripts off, and chaingate's own diff shows exactly the planned change. chaingate updates this pull request when the advisory changes and closes it when the advisory is withdrawn or the default branch no longer has an affected version._`,
    marker,
    '',
  ].join('\n');
  const head = `${lines.join('\n')}\n\n`;
  const diff = renderDiffMarkdown({ changes: pr.changes, summary: summarise(pr.changes) }, MAX_BODY - head.length - footer.length - 100);
  return head + diff + footer;
}
