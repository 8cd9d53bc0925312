import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../../src/adapters/store/pglite-database.js';
import { cli } from '../helpers/cli.js';
import { debugMalwareGithub } from '../helpers/advisory-records.js';
import { pgliteTemplate, STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const MAL = fixtures + 'osv/records/MAL-2025-46974.json';

describe('chaingate respond, incidents and audit (embedded store)', () => {
  let work: string;
  let store: string;
  const run = (...args: string[]) => cli([...args, '--store', store], work, { USER: 'alice' });
  /** The store as the App would see it, opened directly (the CLI has closed it). */
  async function query<Row>(sql: string): Promise<Row[]> {
    const db = await openPgliteDatabase(store);
    try {
      return await db.script<Row>(sql);
    } finally {
      await db.close();
    }
  }
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cg-respond-cli-'));
    store = join(work, 'store');
    await cp(await pgliteTemplate(), join(store, 'pgdata'), { recursive: true });
    expect((await run('inventory', 'add', '--repo-name', 'acme/shop', '--ref', 'main', '--sha', '1'.repeat(40), '--environment', 'production', fixtures + 'remediation/npm-malware')).code).toBe(0);
    expect((await run('inventory', 'add', '--repo-name', 'acme/api', '--ref', 'main', '--sha', '2'.repeat(40), fixtures + 'npm/v3/app')).code).toBe(0);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('records the debug compromise as an incident, scopes exactly the exposed repository and queues its reconciliation once', async () => {
    const first = await run('respond', MAL);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('INC-1 created from MAL-2025-46974 (malware, critical, open)');
    expect(first.stdout).toContain('1 exposure in 1 repository (tier 1: 1), recorded');
    expect(first.stdout).toContain('reconciliation queued (incident-reconcile)');
    const jobs = await query<{ data: unknown; singleton_key: string; state: string }>(`select data, singleton_key, state from chaingate_jobs.job where name = 'incident-reconcile'`);
    expect(jobs).toEqual([{ data: { incident: 'INC-1' }, singleton_key: 'INC-1', state: 'created' }]);
  }, STORE_HOOK_TIMEOUT);

  // The audit export in the last test shows no row was added by this run.
  it('changes nothing when run again: no audit row, no job', async () => {
    const again = await run('respond', MAL, '--format', 'json');
    expect(again.code).toBe(0);
    const report = JSON.parse(again.stdout) as { intake: { kind: string }; scope: { changed: boolean }; queued: boolean };
    expect([report.intake.kind, report.scope.changed, report.queued]).toEqual(['unchanged', false, false]);
    expect(await query(`select 1 from chaingate_jobs.job where name = 'incident-reconcile'`)).toHaveLength(1);
  }, STORE_HOOK_TIMEOUT);

  it('folds the GHSA twin into the same incident, while its reconciliation still waits', async () => {
    await writeFile(join(work, 'ghsa.json'), JSON.stringify(debugMalwareGithub()));
    const twin = await run('respond', 'ghsa.json');
    expect(twin.stdout).toContain('INC-1 updated by GHSA-8mgj-vmr8-frr6');
    expect(twin.stdout).toContain('reconciliation already waiting');
  }, STORE_HOOK_TIMEOUT);

  it('shows the incident by any alias, with its exposure, tier, timeline and metrics', async () => {
    const shown = await run('incidents', 'show', 'GHSA-4x49-vf9v-38px');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('INC-1: Malware in debug');
    expect(shown.stdout).toMatch(/acme\/shop {2}debug@4\.4\.2 {2}tier 1 {2}direct, runtime {2}\(ref main, sha 111111111111, deployed: production\)/);
    expect(shown.stdout).toMatch(/time to scope +\d/);
    const json = JSON.parse((await run('incidents', 'show', 'INC-1', '--format', 'json')).stdout) as { exposures: { repository: string }[]; metrics: { timeToScopeMs: number; timeToDetectMs: number } };
    expect(json.exposures.map((e) => e.repository)).toEqual(['acme/shop']);
    expect(json.metrics.timeToScopeMs).toBeGreaterThanOrEqual(0);
    expect(json.metrics.timeToDetectMs).toBeGreaterThan(0);
    expect((await run('incidents', 'list')).stdout).toMatch(/^INC-1 +open +malware +1 exposure\/1 repo +GHSA-4x49-vf9v-38px, GHSA-8mgj-vmr8-frr6, MAL-2025-46974: Malware in debug\n$/);
    expect(await run('incidents', 'show', 'GHSA-none-none-none')).toMatchObject({ code: 2, stderr: expect.stringContaining('no incident "GHSA-none-none-none"') });
  }, STORE_HOOK_TIMEOUT);

  it('refuses what is not an advisory, naming it', async () => {
    await writeFile(join(work, 'not.json'), '{"name": "x"}');
    expect(await run('respond', 'not.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('not.json: is not an OSV record or a GitHub advisory') });
    expect(await run('respond', 'debug@4.4.2')).toMatchObject({ code: 2, stderr: expect.stringContaining('neither an advisory JSON file nor an advisory ID') });
    expect(await run('respond', 'MAL-2099-1', '--offline')).toMatchObject({ code: 2, stderr: expect.stringContaining('not found (offline without --advisories)') });
  }, STORE_HOOK_TIMEOUT);

  it('verifies the audit trail, exports it as JSON lines (no row from the re-run), and names a row edited in the database', async () => {
    const held = await run('audit', 'verify');
    expect(held).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit chain holds: \d+ rows, head \d+:[0-9a-f]{64}\n$/) });
    expect((await run('audit', 'export', '--output', 'audit.jsonl')).code).toBe(0);
    const lines = (await readFile(join(work, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; action: string; actor: string });
    expect(lines.map((l) => l.action)).toEqual(['incident.create', 'reconcile.enqueue', 'incident.scope', 'reconcile.enqueue', 'incident.update', 'reconcile.enqueue']);
    expect(new Set(lines.map((l) => l.actor))).toEqual(new Set(['cli:alice']));

    // Deleted rows are named too: test/adapters/store/audit-log.test.ts, on both engines.
    await query(`alter table audit_log disable trigger audit_log_append_only; update audit_log set actor = 'cli:mallory' where seq = 2`);
    const edited = await run('audit', 'verify', '--format', 'json');
    expect(edited.code).toBe(1);
    expect(JSON.parse(edited.stdout)).toMatchObject({ ok: false, rows: 2, head: { seq: 1 }, broken: { seq: 2, reason: expect.stringContaining('its content does not match its hash') } });
  }, STORE_HOOK_TIMEOUT);
});
