import { describe, expect, it } from 'vitest';
import { renderPlanText, type RemediationPlan } from '../../../src/core/remediation/index.js';

const plan: RemediationPlan = {
  advisory: 'GHSA-xvch-5gv4-984h',
  malware: false,
  package: 'minimist',
  lockfile: 'package-lock.json',
  manager: 'npm',
  status: 'ready',
  remedies: [{ from: '1.2.5', to: '1.2.6', strategy: 'patch', paths: [{ workspace: '.', packages: ['mkdirp@0.5.5', 'minimist@1.2.5'] }], ranges: ['mkdirp@0.5.5 → ^1.2.5'], reason: '1.2.6 is the lowest unaffected version above 1.2.5' }],
  edits: [{ manifest: 'package.json', key: ['overrides', 'minimist@1.2.5'], to: '1.2.6', why: 'transitive dependency: override minimist@1.2.5' }],
};

describe('renderPlanText', () => {
  it('shows each remedy with its path, the dependents\' ranges and the manifest edits', () => {
    expect(renderPlanText(plan)).toBe(
      [
        'GHSA-xvch-5gv4-984h: minimist in package-lock.json (npm)',
        '  patch minimist 1.2.5 → 1.2.6: 1.2.6 is the lowest unaffected version above 1.2.5',
        '    path: . > mkdirp@0.5.5 > minimist@1.2.5',
        '    range: mkdirp@0.5.5 → ^1.2.5',
        '  edit package.json overrides › minimist@1.2.5: (new) → "1.2.6" (transitive dependency: override minimist@1.2.5)',
        '',
      ].join('\n'),
    );
  });

  it('says nothing is changed when a human must decide, and escapes terminal controls from the advisory', () => {
    const text = renderPlanText({ ...plan, advisory: 'GHSA-\u001b[31mx', status: 'manual', edits: [] });
    expect(text).toContain('GHSA-\\u001b[31mx');
    expect(text).toContain('cannot be done automatically: nothing is changed');
    expect(text).not.toContain('edit package.json');
  });
});
