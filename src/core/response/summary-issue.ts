import { codeSpan, escapeMarkdown } from '../report/escape-markdown.js';
import { CHAINGATE_LABEL, type DesiredIssue, INCIDENT_LABEL, issueTitle } from './desired-issue.js';
import { fitBody } from './fit-body.js';
import { summaryMarker } from './incident-marker.js';
import type { IncidentView } from './incident-view.js';
import { affectedShort, affectedText, duration, incidentHeader, when } from './render-parts.js';
import { repositoryEvidence } from './repository-evidence.js';

const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/u;

export interface SummaryOptions {
  /** `owner/name` of the central repository the summary lives in. */
  readonly repository: string;
  /** Checklist issue numbers already known, by `owner/name`, to link each row. */
  readonly checklistIssues?: ReadonlyMap<string, number> | undefined;
}

/**
 * The incident's summary issue in the central repository: the timeline of
 * its metrics and one row per repository with its verification state.
 * Closed once every repository is verified, or with a note when withdrawn.
 */
export function desiredSummaryIssue(incident: IncidentView, options: SummaryOptions): DesiredIssue {
  // Unverified and riskiest first: a table cut to the body limit loses the verified tier-3 rows.
  const evidence = incident.repositories
    .map((r) => repositoryEvidence(incident, r))
    .sort((a, b) => Number(a.verified) - Number(b.verified) || a.tier - b.tier || a.repository.repository.localeCompare(b.repository.repository));
  const verified = evidence.filter((e) => e.verified).length;
  const allVerified = verified === evidence.length;
  const t = incident.timeline;
  const head = [
    summaryMarker(incident.id),
    ...incidentHeader(incident),
    '',
    `**${verified} of ${evidence.length}** repositories verified free of the affected versions.`,
    '',
    '### Timeline',
    '| Step | At | Since the previous step |',
    '| --- | --- | --- |',
    `| Published | ${when(t.publishedAt)} | — |`,
    `| Detected (received) | ${when(t.receivedAt)} | ${duration(t.publishedAt, t.receivedAt)} |`,
    `| Scoped | ${when(t.scopedAt)} | ${duration(t.receivedAt, t.scopedAt)} |`,
    `| Contained | ${when(t.containedAt)} | ${duration(t.scopedAt ?? t.receivedAt, t.containedAt)} |`,
    `| Remediated (last repository converged) | ${when(t.remediatedAt)} | ${duration(t.containedAt ?? t.scopedAt ?? t.receivedAt, t.remediatedAt)} |`,
    `| Closed | ${when(t.closedAt)} | ${duration(t.receivedAt, t.closedAt)} from detection |`,
    '',
    '### Repositories',
    '| Repository | Checklist | Tier | Exposures | Default branch | Environments | Remediation | Verified |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ].join('\n');
  const rows = evidence.map((e) => {
    const name = e.repository.repository;
    const issue = options.checklistIssues?.get(name);
    const link = issue !== undefined && REPOSITORY.test(name) ? `${name}#${issue}` : '—';
    const branch = e.defaultBranchFree === undefined ? 'not scanned' : e.defaultBranchFree ? 'free' : 'affected';
    const envs = e.environments.filter((env) => !env.free).map((env) => codeSpan(env.environment, 60));
    const prs = e.remediation.map((pr) => `#${pr.number} ${pr.state}`).join(', ');
    return `| ${codeSpan(name, 201)} | ${link} | ${e.tier} | ${e.exposures.length} | ${branch} | ${envs.length > 0 ? `affected: ${envs.join(' ')}` : 'free'} | ${prs ? escapeMarkdown(prs, 200) : '—'} | ${e.verified ? 'yes' : 'no'} |`;
  });
  const state = incident.status !== 'open' || allVerified ? 'closed' : 'open';
  return {
    repository: options.repository,
    marker: summaryMarker(incident.id),
    title: issueTitle(`[chaingate] Incident summary: ${affectedShort(incident.affected)} (${incident.id})`),
    body: fitBody({ head, rows, tail: '\n<sub>Written by chaingate; replaced on every reconciliation.</sub>', rowsAre: 'repositories' }),
    state,
    labels: [CHAINGATE_LABEL, INCIDENT_LABEL],
    assignees: [],
    closingComment:
      incident.status === 'withdrawn'
        ? `Closed by chaingate: the advisory ${codeSpan(incident.id, 100)} was withdrawn.`
        : incident.status === 'closed'
          ? `Closed by chaingate: the incident ${codeSpan(incident.id, 100)} was closed.`
          : `Closed by chaingate: all ${evidence.length} repositories verified free of ${affectedText(incident.affected)}.`,
    reopeningComment: `Reopened by chaingate: ${evidence.length - verified} repositories hold ${affectedText(incident.affected)} again.`,
  };
}
