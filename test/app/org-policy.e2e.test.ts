import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/fixtures.js';
import { type Harness, pullRequestPayload, startHarness } from './app-harness.js';

const ALLOW_EVERYTHING = 'version: 1\nrules:\n  - id: allow-everything\n    signal: "*"\n    outcome: allow\n';

describe('the policy comes from the organisation and Probot\'s _extends, never from the head', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    // The organisation's defaults waive everything; a shared policy repository holds a strict file.
    h.addRepository('.github', { '.github/chaingate.yml': ALLOW_EVERYTHING });
    h.addRepository('policies', { 'strict.yml': 'version: 1\n' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('applies the organisation defaults from OWNER/.github when the base has no policy', async () => {
    const head = h.variant(h.commits.malicious, 'org-defaults');
    await h.deliver('pull_request', pullRequestPayload(h.commits.clean, head));
    const run = await h.completedRun(head);
    expect(run.conclusion).toBe('success');
    expect(run.output.summary).toContain('#### Allowed');
    expect(run.output.summary).toContain('MAL-2025-46974');
    h.api.assertValid();
  });

  it('takes the layer _extends names instead of the organisation defaults', async () => {
    const base = h.commitFiles(h.commits.clean, { '.github/chaingate.yml': '_extends: policies:strict.yml\n' }, 'extend the strict policy');
    const head = h.commitFiles(base, { 'package-lock.json': readFileSync(join(FIXTURES, 'npm/v3-resolved/upgrade/base/package-lock.json'), 'utf8') }, 'vulnerable lockfile');
    await h.deliver('pull_request', pullRequestPayload(base, head));
    const run = await h.completedRun(head);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('GHSA-35jh-r3h4-6jhm');
    h.api.assertValid();
  });

  it('ends neutral naming the file when _extends names a file that does not exist', async () => {
    const base = h.commitFiles(h.commits.clean, { '.github/chaingate.yml': '_extends: policies:missing.yml\n' }, 'extend a missing file');
    const head = h.variant(h.commits.malicious, 'missing-extends');
    await h.deliver('pull_request', pullRequestPayload(base, head));
    const run = await h.completedRun(head);
    expect(run.conclusion).toBe('neutral');
    expect(run.output.summary).toContain('does not exist or this App cannot read');
    expect(run.output.summary).toContain('missing.yml');
    h.api.assertValid();
  });
});
