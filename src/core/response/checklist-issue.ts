import { codeSpan, escapeMarkdown } from '../report/escape-markdown.js';
import { CHAINGATE_LABEL, type DesiredIssue, INCIDENT_LABEL, issueTitle } from './desired-issue.js';
import { fitBody } from './fit-body.js';
import { incidentMarker } from './incident-marker.js';
import type { IncidentView, RepositoryView } from './incident-view.js';
import { type OwnersMode, ownerNotice } from './owners.js';
import { affectedShort, affectedText, duration, incidentHeader, item, shortSha, when } from './render-parts.js';
import { type RepositoryEvidence, repositoryEvidence } from './repository-evidence.js';

export interface ChecklistOptions {
  readonly owners: OwnersMode;
}

/**
 * The checklist issue one exposed repository should have for an incident:
 * Detect / Scope / Contain / Verify / Recover, each item ticked from
 * evidence. Open until the default branch and every deployed environment
 * are free of the affected versions; closed with that evidence; closed with
 * a note when the advisory is withdrawn or the incident closed.
 */
export function desiredChecklistIssue(incident: IncidentView, repository: RepositoryView, options: ChecklistOptions): DesiredIssue {
  const evidence = repositoryEvidence(incident, repository);
  const marker = incidentMarker(incident.id);
  const notice = ownerNotice(repository.owners, options.owners);
  const state = incident.status !== 'open' || evidence.verified ? 'closed' : 'open';
  const head = [
    marker,
    ...incidentHeader(incident),
    ...(notice.mentions.length > 0 ? ['', `Owners: ${notice.mentions.join(' ')}`] : []),
    '',
    statusLine(incident, evidence),
    '',
    '### Detect',
    item(true, `Advisory published ${when(incident.timeline.publishedAt)}, received by chaingate ${when(incident.timeline.receivedAt)} (time to detect ${duration(incident.timeline.publishedAt, incident.timeline.receivedAt)})`),
    '',
    '### Scope',
    item(incident.timeline.scopedAt !== undefined, `Scoped ${when(incident.timeline.scopedAt)}: ${evidence.exposures.length} exposure(s) in this repository, highest risk tier ${evidence.tier}`),
    '',
    ...(evidence.exposures.length > 0 ? ['| Ref | Environments | Package | Version | Direct | Dev | Tier | Lockfile | Path |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'] : []),
  ].join('\n');
  const rows = evidence.exposures.map(
    (e) =>
      `| ${codeSpan(e.ref, 100)} | ${e.environments.map((n) => codeSpan(n, 60)).join(' ') || '—'} | ${codeSpan(e.name, 100)} | ${codeSpan(e.version, 60)} | ${e.direct ? 'yes' : 'no'} | ${e.dev ? 'yes' : 'no'} | ${e.tier} | ${codeSpan(e.lockfile, 120)} | ${e.path.map((p) => codeSpan(p, 80)).join(' › ')} |`,
  );
  const tail = ['', '### Contain', ...containItems(evidence), '', '### Verify', ...verifyItems(evidence), '', '### Recover', ...recoverItems(evidence), '', footer()].join('\n');
  return {
    repository: repository.repository,
    marker,
    title: issueTitle(`[chaingate] ${incident.kind === 'malware' ? 'Malware' : 'Vulnerability'} ${affectedShort(incident.affected)}: ${incident.id}`),
    body: fitBody({ head, rows, tail, rowsAre: 'exposures' }),
    state,
    labels: [CHAINGATE_LABEL, INCIDENT_LABEL],
    assignees: notice.assignees,
    closingComment: closingComment(incident, evidence),
    reopeningComment: `Reopened by chaingate: ${affectedText(incident.affected)} ${reopenReason(evidence)}.`,
  };
}

function statusLine(incident: IncidentView, evidence: RepositoryEvidence): string {
  if (incident.status === 'withdrawn') return '> [!NOTE]\n> The advisory was withdrawn: nothing to do. This issue is closed.';
  if (incident.status === 'closed') return '> [!NOTE]\n> The incident was closed.';
  if (evidence.verified) return '> [!NOTE]\n> Verified: the default branch and every deployed environment are free of the affected versions.';
  return '> [!IMPORTANT]\n> Open until the default branch and every deployed environment are free of the affected versions. chaingate keeps this issue up to date and closes it itself.';
}

function containItems(evidence: RepositoryEvidence): string[] {
  if (evidence.containment.length === 0) return [item(false, 'No containment in force')];
  return evidence.containment.map((c) =>
    item(true, `${codeSpan(c.action, 40)} in force since ${when(c.since)}${c.overriddenBy && c.overriddenBy.length > 0 ? ` — overridden, approved by ${c.overriddenBy.map((a) => escapeMarkdown(a, 40)).join(', ')}` : ''}`),
  );
}

function verifyItems(evidence: RepositoryEvidence): string[] {
  const branch = codeSpan(evidence.repository.defaultBranch, 100);
  const items = [
    evidence.defaultBranchFree === undefined
      ? item(false, `Default branch ${branch} not in the inventory yet: cannot say it is free`)
      : item(evidence.defaultBranchFree, `Default branch ${branch} ${evidence.defaultBranchFree ? 'is free of' : 'still has'} the affected versions`),
  ];
  if (evidence.environments.length === 0) items.push(item(true, 'No deployed environment recorded'));
  for (const env of evidence.environments) {
    items.push(item(env.free, `Environment ${codeSpan(env.environment, 60)} (deployed ${shortSha(env.sha)}) ${env.free ? 'is free of' : 'still runs'} the affected versions`));
  }
  return items;
}

function recoverItems(evidence: RepositoryEvidence): string[] {
  const items = evidence.remediation.map((pr) => item(pr.state === 'merged', `Remediation pull request #${pr.number} (${pr.state}): ${escapeMarkdown(pr.title, 120)}`));
  if (evidence.remediation.length === 0) {
    items.push(evidence.defaultBranchFree === true ? item(true, 'Default branch free without a remediation pull request') : item(false, 'No remediation pull request yet'));
  }
  items.push(
    evidence.tagsShipping.length === 0
      ? item(true, 'No release tag in the inventory ships the affected versions')
      : item(false, `Release tags still shipping them (rebuild, re-release or yank): ${evidence.tagsShipping.slice(0, 50).map((t) => codeSpan(t, 100)).join(', ')}`),
  );
  return items;
}

function closingComment(incident: IncidentView, evidence: RepositoryEvidence): string {
  if (incident.status === 'withdrawn') return `Closed by chaingate: the advisory ${codeSpan(incident.id, 100)} was withdrawn, so nothing here is affected by it any more.`;
  if (incident.status === 'closed') return `Closed by chaingate: the incident ${codeSpan(incident.id, 100)} was closed.`;
  const envs = evidence.environments.map((e) => `${codeSpan(e.environment, 60)} at ${shortSha(e.sha)}`);
  return [
    `Closed by chaingate: verified free of ${affectedText(incident.affected)}.`,
    '',
    `- Default branch ${codeSpan(evidence.repository.defaultBranch, 100)}: no affected version in the inventory's snapshot`,
    `- Deployed environments: ${envs.length > 0 ? envs.join(', ') : 'none recorded'}`,
    ...evidence.remediation.filter((pr) => pr.state === 'merged').map((pr) => `- Remediation pull request #${pr.number} merged`),
  ].join('\n');
}

function reopenReason(evidence: RepositoryEvidence): string {
  if (evidence.defaultBranchFree === false) return `is back on the default branch ${codeSpan(evidence.repository.defaultBranch, 100)}`;
  const env = evidence.environments.find((e) => !e.free);
  return env ? `is deployed again to ${codeSpan(env.environment, 60)}` : 'is present again';
}

function footer(): string {
  return '<sub>Written by chaingate from its inventory; edits to this body are replaced on the next reconciliation. Approve a waiting action with `/chaingate approve <incident> <action>`.</sub>';
}
