import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { remediationBranch, remediationMarker } from '../../../src/core/remediation/index.js';

function gitAccepts(ref: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', `refs/heads/${ref}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('remediation branch and marker', () => {
  it('names the branch by strategy, advisory and package', () => {
    expect(remediationBranch('patch', 'GHSA-xvch-5gv4-984h', 'minimist', 'package-lock.json')).toBe('chaingate/patch/GHSA-xvch-5gv4-984h/minimist');
    expect(remediationBranch('revert', 'MAL-2025-46974', 'debug', 'yarn.lock')).toBe('chaingate/revert/MAL-2025-46974/debug');
    expect(remediationBranch('patch', 'GHSA-x', '@types/node', 'apps/web/pnpm-lock.yaml')).toBe('chaingate/patch/GHSA-x/@types/node+apps-web');
  });

  it('turns hostile advisory ids and names into refs git accepts', () => {
    for (const [advisory, pkg] of [['../../main', 'a..b'], ['x@{1}', '.hidden'], ['id with spaces~^:?*[', 'name.lock'], ['', '@'], ['ok', 'a/.b/c.']]) {
      const branch = remediationBranch('patch', advisory!, pkg!, 'package-lock.json');
      expect(gitAccepts(branch), branch).toBe(true);
      expect(branch.startsWith('chaingate/patch/')).toBe(true);
    }
  });

  it('keeps the marker a single HTML comment whatever the advisory id holds', () => {
    const marker = remediationMarker('X --> <script>', 'a b/package-lock.json');
    expect(marker).toBe('<!-- chaingate:remediation advisory=X%20--%3E%20%3Cscript%3E lockfile=a%20b%2Fpackage-lock.json -->');
    expect(marker.match(/-->/gu)).toHaveLength(1);
  });
});
