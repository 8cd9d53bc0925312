import type { DiffResult } from '../core/diff/index.js';
import { renderDiffMarkdown } from '../core/report/diff-markdown.js';
import { codeSpan, escapeMarkdown } from '../core/report/escape-markdown.js';
import { RELEASE_CHECK_NAME } from './check-name.js';
import type { AssetProvenance } from './release-provenance.js';

/** What happened to the release's SBOM asset. */
export type SbomOutcome =
  | { readonly status: 'attached' | 'present'; readonly name: string; readonly components: number; readonly lockfiles: number }
  | { readonly status: 'skipped'; readonly reason: string };

export interface ReleaseReport {
  readonly tag: string;
  readonly sbom: SbomOutcome;
  readonly provenance: readonly AssetProvenance[];
  /** Assets beyond the checked ones. */
  readonly uncheckedAssets: number;
  readonly required: boolean;
  readonly builders: readonly string[];
  /** The previous release and the diff against it; absent for a first release. */
  readonly previous?: { readonly tag: string; readonly diff: DiffResult } | undefined;
}

const ICON = { verified: '✅ verified', invalid: '❌ invalid', absent: '⚠️ none', unverifiable: '⚠️ not checked' } as const;

/** The release fails only when the policy requires provenance and an asset lacks valid provenance. */
export function releaseConclusion(report: ReleaseReport): 'success' | 'failure' {
  const unproven = report.provenance.some((p) => p.status !== 'verified') || report.uncheckedAssets > 0;
  return report.required && unproven ? 'failure' : 'success';
}

export function releaseTitle(report: ReleaseReport): string {
  const bad = report.provenance.filter((p) => p.status !== 'verified').length + report.uncheckedAssets;
  const changes = report.previous ? `${report.previous.diff.changes.length} dependency change${report.previous.diff.changes.length === 1 ? '' : 's'} since ${report.previous.tag}` : 'first release';
  if (bad === 0) return `${changes}; ${report.provenance.length === 0 ? 'no assets to verify' : 'every asset has verified provenance'}`;
  return `${bad} asset${bad === 1 ? '' : 's'} without verified provenance${report.required ? ' (required)' : ''}; ${changes}`;
}

/** The check run's summary; every name from outside (tag, assets, reasons) escaped, the diff cut to what is left of `maxLength`. */
export function renderReleaseSummary(report: ReleaseReport, maxLength: number): string {
  const conclusion = releaseConclusion(report);
  const lines = [`### ${conclusion === 'failure' ? '❌' : '✅'} ${RELEASE_CHECK_NAME}: ${escapeMarkdown(report.tag, 255)}`, '', sbomLine(report.sbom), ''];
  lines.push('#### Provenance of the release assets', '');
  const signers = report.builders.length === 0 ? 'any workflow of this repository' : report.builders.map((b) => codeSpan(b)).join(', ');
  lines.push(`Valid provenance is ${report.required ? '**required**' : 'reported, not required'} (\`settings.release-provenance\`); signers allowed: ${signers}.`, '');
  if (report.provenance.length === 0) lines.push('No assets to verify.');
  else {
    lines.push('| Asset | Provenance | Detail |', '| --- | --- | --- |');
    for (const p of report.provenance) lines.push(`| ${codeSpan(p.asset)} | ${ICON[p.status]} | ${detailOf(p)} |`);
  }
  if (report.uncheckedAssets > 0) lines.push('', `_${report.uncheckedAssets} more asset${report.uncheckedAssets === 1 ? '' : 's'} not checked (at most 100 per release)._`);
  lines.push('');
  if (!report.previous) lines.push('#### Dependency changes', '', 'This is the first published release: nothing to compare with.', '');
  const head = lines.join('\n');
  if (!report.previous) return head;
  const intro = `Compared with the previous release ${codeSpan(report.previous.tag)}.\n\n`;
  return head + intro + renderDiffMarkdown(report.previous.diff, Math.max(1000, maxLength - head.length - intro.length));
}

function sbomLine(sbom: SbomOutcome): string {
  if (sbom.status === 'skipped') return `**SBOM**: not attached: ${escapeMarkdown(sbom.reason, 500)}`;
  const what = `${sbom.components} component${sbom.components === 1 ? '' : 's'} from ${sbom.lockfiles} lockfile${sbom.lockfiles === 1 ? '' : 's'}`;
  return `**SBOM**: ${codeSpan(sbom.name)} (CycloneDX 1.6, ${what}) ${sbom.status === 'attached' ? 'attached to the release' : 'was already attached'}.`;
}

function detailOf(p: AssetProvenance): string {
  switch (p.status) {
    case 'verified':
      return `signed by ${codeSpan(p.signer)}`;
    case 'invalid':
      return escapeMarkdown(p.reason, 400);
    case 'absent':
      return 'no artifact attestation for its sha256 in this repository';
    case 'unverifiable':
      return escapeMarkdown(p.reason, 400);
  }
}
