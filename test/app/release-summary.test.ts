import { describe, expect, it } from 'vitest';
import { releaseConclusion, type ReleaseReport, releaseTitle, renderReleaseSummary } from '../../src/app/release-summary.js';

const base: ReleaseReport = {
  tag: 'v1.0.0',
  sbom: { status: 'attached', name: 'shop-v1.0.0.cdx.json', components: 3, lockfiles: 1 },
  provenance: [{ asset: 'shop.tgz', status: 'verified', signer: 'github.com/o/shop/.github/workflows/release.yml', workflow: '.github/workflows/release.yml' }],
  uncheckedAssets: 0,
  required: true,
  builders: [],
};

describe('the chaingate/release check', () => {
  it('passes when every asset is verified, and fails only when provenance is required and one is not', () => {
    expect(releaseConclusion(base)).toBe('success');
    const missing: ReleaseReport = { ...base, provenance: [...base.provenance, { asset: 'shop.zip', status: 'absent' }] };
    expect(releaseConclusion(missing)).toBe('failure');
    expect(releaseConclusion({ ...missing, required: false })).toBe('success');
    expect(releaseConclusion({ ...base, uncheckedAssets: 1 })).toBe('failure');
    expect(releaseTitle(missing)).toBe('1 asset without verified provenance (required); first release');
    expect(releaseTitle({ ...base, provenance: [] })).toBe('first release; no assets to verify');
  });

  it('makes names and reasons from outside inert in the Markdown', () => {
    const hostile: ReleaseReport = {
      ...base,
      tag: 'v1 <img src=x> @everyone',
      provenance: [
        { asset: 'a`b|c @org/team.tgz', status: 'invalid', code: 'digest-mismatch', reason: 'digest-mismatch: [click](https://evil.example) @admins' },
        { asset: 'x.zip', status: 'unverifiable', reason: '<script>alert(1)</script>' },
      ],
      previous: { tag: 'v0 `x`', diff: { changes: [], summary: { added: 0, removed: 0, upgraded: 0, downgraded: 0, changed: 0, direct: 0, transitive: 0 } } },
    };
    const summary = renderReleaseSummary(hostile, 65_535);
    expect(summary).not.toMatch(/<img|<script|\]\(https|@everyone|@admins/u);
    // Inside a code span a mention notifies nobody; the backtick and the table pipe cannot break out.
    expect(summary).toContain("| `a'b\\|c @org/team.tgz` | ❌ invalid |");
    expect(summary).toContain('Compared with the previous release `v0 \'x\'`');
  });
});
