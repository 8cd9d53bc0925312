import { describe, expect, it } from 'vitest';
import { desiredChecklistIssue } from '../../../src/core/response/checklist-issue.js';
import { MAX_ISSUE_BODY } from '../../../src/core/response/fit-body.js';
import { exposure, incident, repository } from './incident-fixture.js';

const SHOP = 'octo-org/shop';
const lines = (body: string, section: string): string[] => {
  const start = body.indexOf(`### ${section}`);
  const rest = body.slice(start + 4);
  const end = rest.indexOf('\n### ');
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((l) => l.startsWith('- ['));
};

describe('desiredChecklistIssue', () => {
  it('keeps the issue open with unticked Verify items while the default branch and production hold the version', () => {
    const repo = repository(SHOP, { deployments: [{ environment: 'production', sha: 'a'.repeat(40) }], releaseTags: ['v1.0.0'] });
    const view = incident({
      exposures: [exposure(SHOP, { environments: ['production'] }), exposure(SHOP, { ref: 'v1.0.0', sha: 'b'.repeat(40) })],
      repositories: [repo],
    });
    const issue = desiredChecklistIssue(view, repo, { owners: 'none' });
    expect(issue.state).toBe('open');
    expect(issue.body.startsWith('<!-- chaingate:incident:MAL-2025-46974 -->\n')).toBe(true);
    expect(issue.title).toBe('[chaingate] Malware debug@4.4.2: MAL-2025-46974');
    for (const section of ['Detect', 'Scope', 'Contain', 'Verify', 'Recover']) expect(issue.body).toContain(`### ${section}`);
    expect(lines(issue.body, 'Verify')).toEqual([
      '- [ ] Default branch `main` still has the affected versions',
      '- [ ] Environment `production` (deployed `aaaaaaaaaaaa`) still runs the affected versions',
    ]);
    expect(lines(issue.body, 'Recover')).toContain('- [ ] Release tags still shipping them (rebuild, re-release or yank): `v1.0.0`');
    expect(issue.body).toContain('| `main` | `production` | `debug` | `4.4.2` | no | no | 1 | `package-lock.json` | `.` › `express@4.21.2` › `debug@4.4.2` |');
    expect(issue.labels).toEqual(['chaingate', 'incident']);
  });

  it('ticks everything and closes with the evidence once the default branch and every environment are free', () => {
    const repo = repository(SHOP, {
      deployments: [{ environment: 'production', sha: 'c'.repeat(40) }],
      remediationPullRequests: [{ number: 42, url: 'https://github.com/octo-org/shop/pull/42', state: 'merged', title: 'Pin debug to 4.4.1' }],
      containment: [{ action: 'block-pull-requests', since: new Date('2025-09-08T14:11:00Z') }],
    });
    const issue = desiredChecklistIssue(incident({ exposures: [], repositories: [repo] }), repo, { owners: 'none' });
    expect(issue.state).toBe('closed');
    expect(lines(issue.body, 'Verify').every((l) => l.startsWith('- [x]'))).toBe(true);
    expect(lines(issue.body, 'Contain')).toEqual(['- [x] `block-pull-requests` in force since 2025-09-08T14:11:00Z']);
    expect(lines(issue.body, 'Recover')[0]).toBe('- [x] Remediation pull request #42 (merged): Pin debug to 4.4.1');
    expect(issue.closingComment).toContain('verified free of `debug` `4.4.2`');
    expect(issue.closingComment).toContain('`production` at `cccccccccccc`');
  });

  it('stays open when the default branch was never scanned: free cannot be said', () => {
    const repo = repository(SHOP, { defaultBranchScanned: false });
    const issue = desiredChecklistIssue(incident({ repositories: [repo] }), repo, { owners: 'none' });
    expect(issue.state).toBe('open');
    expect(lines(issue.body, 'Verify')[0]).toBe("- [ ] Default branch `main` not in the inventory yet: cannot say it is free");
  });

  it('closes with a note when the advisory is withdrawn, exposures or not', () => {
    const repo = repository(SHOP);
    const issue = desiredChecklistIssue(incident({ status: 'withdrawn', exposures: [exposure(SHOP)], repositories: [repo] }), repo, { owners: 'none' });
    expect(issue.state).toBe('closed');
    expect(issue.closingComment).toBe('Closed by chaingate: the advisory `MAL-2025-46974` was withdrawn, so nothing here is affected by it any more.');
    expect(issue.body).toContain('The advisory was withdrawn');
  });

  it('assigns CODEOWNERS users and mentions teams, or mentions all, dropping what is not a handle', () => {
    const repo = repository(SHOP, { owners: ['@alice', '@octo-org/security', 'bob@example.com', '@evil<script>'] });
    const view = incident({ exposures: [exposure(SHOP)], repositories: [repo] });
    const assigned = desiredChecklistIssue(view, repo, { owners: 'assign' });
    expect(assigned.assignees).toEqual(['alice']);
    expect(assigned.body).toContain('Owners: @octo-org/security\n');
    const mentioned = desiredChecklistIssue(view, repo, { owners: 'mention' });
    expect(mentioned.assignees).toEqual([]);
    expect(mentioned.body).toContain('Owners: @alice @octo-org/security\n');
    expect(desiredChecklistIssue(view, repo, { owners: 'none' }).body).not.toContain('Owners:');
  });

  it('escapes advisory text: no HTML, no mentions, no links, and the marker cannot be closed early', () => {
    const repo = repository(SHOP);
    const view = incident({ title: 'pwn <img src=x> @everyone [click](https://evil.example) -->', exposures: [exposure(SHOP, { name: 'a`|b' })], repositories: [repo] });
    const issue = desiredChecklistIssue(view, repo, { owners: 'none' });
    expect(issue.body).not.toContain('<img');
    expect(issue.body).not.toContain('@everyone');
    expect(issue.body).not.toContain('](https://evil');
    expect(issue.body.indexOf('-->')).toBe(issue.body.indexOf('<!-- chaingate:incident:') + '<!-- chaingate:incident:MAL-2025-46974 '.length);
    expect(issue.body).toContain("`a'\\|b`");
  });

  it('refuses an incident id that could break out of the marker', () => {
    const repo = repository(SHOP);
    expect(() => desiredChecklistIssue(incident({ id: 'X --> <b>', repositories: [repo] }), repo, { owners: 'none' })).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });

  it("cuts the exposure table to GitHub's body limit and says how many rows it cut", () => {
    const repo = repository(SHOP);
    const many = Array.from({ length: 3000 }, (_, i) => exposure(SHOP, { ref: `release/${String(i).padStart(4, '0')}`, lockfile: `packages/p${i}/package-lock.json` }));
    const issue = desiredChecklistIssue(incident({ exposures: many, repositories: [repo] }), repo, { owners: 'none' });
    expect(issue.body.length).toBeLessThanOrEqual(MAX_ISSUE_BODY);
    const cut = /> (\d+) of 3000 exposures cut: GitHub limits an issue body to 65536 characters/u.exec(issue.body);
    expect(cut).not.toBeNull();
    const rows = issue.body.split('\n').filter((l) => l.startsWith('| `release/')).length;
    expect(rows + Number(cut![1])).toBe(3000);
    expect(issue.body).toContain('### Recover');
  });
});
