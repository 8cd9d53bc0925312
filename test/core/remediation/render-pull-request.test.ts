import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/diff/index.js';
import { cooldownBypasses, renderRemediationBody, renderRemediationTitle, type RemediationPlan } from '../../../src/core/remediation/index.js';
import { advisoryOf, MINIMIST, metadataOf } from './metadata.js';

const plan: RemediationPlan = {
  advisory: 'GHSA-xvch-5gv4-984h',
  malware: false,
  package: 'minimist',
  lockfile: 'apps/web/package-lock.json',
  manager: 'npm',
  status: 'ready',
  remedies: [{ from: '1.2.5', to: '1.2.6', strategy: 'patch', paths: [{ workspace: '.', packages: ['mkdirp@0.5.5', 'minimist@1.2.5'] }], ranges: ['mkdirp@0.5.5 → ^1.2.5'], reason: '1.2.6 is the lowest unaffected version above 1.2.5' }],
  edits: [{ manifest: 'package.json', key: ['overrides', 'minimist@1.2.5'], to: '1.2.6', why: 'transitive dependency: override minimist@1.2.5' }],
};
const change: Change = {
  type: 'upgraded', ecosystem: 'npm', name: 'minimist', from: '1.2.5', to: '1.2.6', lockfile: 'apps/web/package-lock.json', purl: 'pkg:npm/minimist@1.2.6',
  direct: false, workspaces: ['.'], paths: [{ workspace: '.', packages: ['mkdirp@0.5.5', 'minimist@1.2.6'] }], dev: false,
};

describe('the remediation pull request', () => {
  it('names the package, versions, folder and advisory in the title', () => {
    expect(renderRemediationTitle({ advisory: advisoryOf('GHSA-xvch-5gv4-984h', ['1.2.6']), lockfile: plan.lockfile, plans: [plan], changes: [change] })).toBe(
      'Patch minimist 1.2.5 → 1.2.6 in apps/web (GHSA-xvch-5gv4-984h)',
    );
  });

  it('makes hostile advisory text inert: no mentions, no HTML, no links of its own, no way out of the marker', () => {
    const advisory = { ...advisoryOf('GHSA-xvch-5gv4-984h', ['1.2.6']), summary: '@everyone <img src=x onerror=alert(1)> [click](https://evil.example) --> #1' };
    const body = renderRemediationBody({ advisory, lockfile: plan.lockfile, plans: [plan], changes: [change] });
    expect(body).not.toContain('@everyone');
    expect(body).not.toContain('<img');
    expect(body).not.toContain('](https://evil');
    expect(body).not.toMatch(/[^!]--> #1/u);
    expect(body.match(/<!-- chaingate:remediation /gu)).toHaveLength(1);
    expect(body).toContain('(https://github.com/advisories/GHSA-xvch-5gv4-984h)');
  });

  it('links no advisory whose id has an unknown shape', () => {
    const body = renderRemediationBody({ advisory: advisoryOf('EVIL-](https://x)', []), lockfile: plan.lockfile, plans: [plan], changes: [change] });
    expect(body).toContain('`EVIL-](https://x)`');
    // Inside a code span it is text; outside one it never appears unescaped.
    expect(body.replace(/`[^`]*`/gu, '')).not.toContain('](https://x)');
  });

  it('says the fix bypasses the release-age cooldown for the fixed version only, when it is younger than the cooldown', () => {
    const young = metadataOf('minimist', { '1.2.5': '2020-03-12', '1.2.6': '2022-03-21' });
    const cooldown = cooldownBypasses([plan], new Map([['minimist', young]]), 72, new Date('2022-03-22T00:00:00Z'));
    expect(cooldown.young).toEqual([{ name: 'minimist', version: '1.2.6', ageHours: 24 }]);
    const body = renderRemediationBody({ advisory: advisoryOf('GHSA-xvch-5gv4-984h', ['1.2.6']), lockfile: plan.lockfile, plans: [plan], changes: [change], cooldown });
    expect(body).toContain('The policy holds new releases back for 72 hours. This security fix bypasses that gate for `minimist@1.2.6` (published 24 hours ago) only');
    expect(cooldownBypasses([plan], new Map([['minimist', MINIMIST]]), 72, new Date('2025-01-01')).young).toEqual([]);
    expect(cooldownBypasses([plan], new Map([['minimist', young]]), 0, new Date('2022-03-22')).young).toEqual([]);
  });
});
