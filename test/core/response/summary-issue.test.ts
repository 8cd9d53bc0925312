import { describe, expect, it } from 'vitest';
import { desiredSummaryIssue } from '../../../src/core/response/summary-issue.js';
import { exposure, incident, repository } from './incident-fixture.js';

describe('desiredSummaryIssue', () => {
  const repos = [repository('octo-org/shop'), repository('octo-org/api', { deployments: [{ environment: 'production', sha: 'a'.repeat(40) }] })];

  it('lists every repository with its verification and links the checklist issues it knows', () => {
    const view = incident({ exposures: [exposure('octo-org/api', { environments: ['production'] })], repositories: repos });
    const issue = desiredSummaryIssue(view, { repository: 'octo-org/security', checklistIssues: new Map([['octo-org/api', 7]]) });
    expect(issue.repository).toBe('octo-org/security');
    expect(issue.body.startsWith('<!-- chaingate:incident-summary:MAL-2025-46974 -->')).toBe(true);
    expect(issue.body).toContain('**1 of 2** repositories verified');
    expect(issue.body).toContain('| `octo-org/api` | octo-org/api#7 | 1 | 1 | affected | affected: `production` | — | no |');
    expect(issue.body).toContain('| `octo-org/shop` | — | 3 | 0 | free | free | — | yes |');
    expect(issue.state).toBe('open');
  });

  it('shows the timeline of the metrics, with the time each step took', () => {
    const issue = desiredSummaryIssue(incident({ repositories: repos }), { repository: 'octo-org/security' });
    expect(issue.body).toContain('| Published | 2025-09-08T13:50:00Z | — |');
    expect(issue.body).toContain('| Detected (received) | 2025-09-08T14:10:00Z | 20m 0s |');
    expect(issue.body).toContain('| Scoped | 2025-09-08T14:10:05Z | 5s |');
    expect(issue.body).toContain('| Contained | — | — |');
  });

  it('cuts the repository table of a 1,000-repository incident to the body limit, saying so', () => {
    const many = Array.from({ length: 1000 }, (_, i) => repository(`octo-org/service-${String(i).padStart(4, '0')}`));
    const issue = desiredSummaryIssue(incident({ exposures: many.map((r) => exposure(r.repository)), repositories: many }), { repository: 'octo-org/security' });
    expect(issue.body.length).toBeLessThanOrEqual(65_536);
    const cut = /> (\d+) of 1000 repositories cut: GitHub limits an issue body to 65536 characters/u.exec(issue.body);
    expect(Number(cut?.[1])).toBeGreaterThan(0);
    expect(issue.body.split('\n').filter((l) => l.startsWith('| `octo-org/service-')).length + Number(cut![1])).toBe(1000);
    expect(issue.body).toContain('**0 of 1000** repositories verified');
  });

  it('closes once every repository is verified, and with a note when withdrawn', () => {
    expect(desiredSummaryIssue(incident({ repositories: repos }), { repository: 'o/s' }).state).toBe('closed');
    const withdrawn = desiredSummaryIssue(incident({ status: 'withdrawn', exposures: [exposure('octo-org/shop')], repositories: repos }), { repository: 'o/s' });
    expect(withdrawn.state).toBe('closed');
    expect(withdrawn.closingComment).toContain('was withdrawn');
  });
});
