import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAdvisoryDocument } from '../../src/adapters/incident-advisories/advisory-document.js';
import { STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';
import { osvRecord } from '../helpers/advisory-records.js';
import { type Harness, pullRequestPayload, startHarness } from './app-harness.js';

/**
 * The PR gate in the App: an incident recorded in the App's store (as
 * `chaingate respond` records it) fails the next check that brings in an
 * affected version, though the App's advisory data knows nothing of it.
 */
describe('the App gates pull requests on open incidents in its store', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ store: 'embedded' });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await h?.close();
  }, STORE_HOOK_TIMEOUT);

  it('passes an upgrade to lodash 4.17.21, then fails the same change once an incident names that version', async () => {
    const before = h.variant(h.commits.clean, 'before-incident');
    await h.deliver('pull_request', pullRequestPayload(h.commits.vulnerable, before));
    expect((await h.completedRun(before, 60_000)).conclusion).toBe('neutral');

    const record = osvRecord('OSV-2026-4217', { name: 'lodash', introduced: '4.17.21', fixed: '4.17.22', severity: 'CRITICAL' });
    await h.incidents!.intake(readAdvisoryDocument(record, 'OSV-2026-4217'), { actor: 'cli:test', at: new Date() });
    const after = h.variant(h.commits.clean, 'after-incident');
    await h.deliver('pull_request', pullRequestPayload(h.commits.vulnerable, after));
    const run = await h.completedRun(after, 60_000);
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toContain('OSV-2026-4217');
    expect(run.output.summary).toContain('incident:INC-1');
    h.api.assertValid();
  }, 150_000);
});
