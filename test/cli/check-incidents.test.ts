import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { debugMalwareOsv, osvRecord } from '../helpers/advisory-records.js';
import { pgliteTemplate, STORE_HOOK_TIMEOUT } from '../adapters/store/engines.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

interface Decision {
  signal: string;
  outcome: string;
  rule: string;
  name: string;
  version: string;
  tier: number;
  evidence: Record<string, unknown>;
}

/**
 * A pull request that adds debug 4.4.2 (base 4.4.1), checked offline with an
 * advisory export that knows nothing about it: only the store's incident can
 * stop it.
 */
describe('check fails on an open incident in the store (the PR gate)', () => {
  let work: string;
  const run = (...args: string[]) => cli(args, work, {});
  const check = async (...extra: string[]) => {
    const result = await run('check', '--base-file', 'base/package-lock.json', '--head-file', 'head/package-lock.json', '--offline', '--advisories', 'advisories', '--format', 'json', ...extra);
    const decisions = (JSON.parse(result.stdout) as { findings: Decision[] }).findings;
    return { code: result.code, stderr: result.stderr, decisions: decisions.filter((d) => d.signal === 'malware' || d.signal === 'vulnerability') };
  };
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'cg-check-incidents-'));
    await cp(await pgliteTemplate(), join(work, 'store', 'pgdata'), { recursive: true });
    await cp(fixtures + 'remediation/npm-malware', join(work, 'head'), { recursive: true });
    await mkdir(join(work, 'base'));
    const lock = await readFile(join(work, 'head', 'package-lock.json'), 'utf8');
    await writeFile(join(work, 'base', 'package-lock.json'), lock.replaceAll('4.4.2', '4.4.1'));
    await mkdir(join(work, 'advisories'));
    await writeFile(join(work, 'advisories', 'OSV-2026-1.json'), JSON.stringify(osvRecord('OSV-2026-1')));
    // Threat intelligence the team holds before any public database does.
    await mkdir(join(work, 'intel'));
    await writeFile(join(work, 'intel', 'compromise.json'), JSON.stringify(debugMalwareOsv()));
    await writeFile(join(work, 'ms.json'), JSON.stringify(osvRecord('OSV-2026-2', { name: 'ms', introduced: '2.0.0', fixed: '2.1.4', severity: 'MODERATE' })));
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('passes without the store: the advisory is in no database the check consults', async () => {
    const { code, decisions } = await check();
    expect(code).toBe(0);
    expect(decisions).toEqual([]);
  }, STORE_HOOK_TIMEOUT);

  it('blocks the pull request naming the incident once respond has recorded the MAL- record', async () => {
    expect((await run('respond', 'GHSA-8mgj-vmr8-frr6', '--advisories', 'intel', '--store', 'store')).stdout).toContain('INC-1 created from MAL-2025-46974');
    const { code, decisions } = await check('--store', 'store');
    expect(code).toBe(1);
    expect(decisions).toEqual([expect.objectContaining({ signal: 'malware', name: 'debug', version: '4.4.2', outcome: 'block', rule: 'incident:INC-1', tier: 1, evidence: expect.objectContaining({ incident: 'INC-1' }) })]);
  }, STORE_HOOK_TIMEOUT);

  it('blocks a lower tier only where the action matrix says block-pull-requests for it', async () => {
    // ms 2.1.3 is already in the base: an incident gates what a change brings in, so touch ms too.
    const base = await readFile(join(work, 'base', 'package-lock.json'), 'utf8');
    await writeFile(join(work, 'base', 'package-lock.json'), base.replaceAll('2.1.3', '2.1.2'));
    expect((await run('respond', 'ms.json', '--store', 'store')).code).toBe(0);
    const byDefault = await check('--store', 'store');
    expect(byDefault.decisions.find((d) => d.name === 'ms')).toMatchObject({ rule: 'default:vulnerability', outcome: 'warn', tier: 3, evidence: { incident: 'INC-2' } });
    await writeFile(join(work, 'strict-response.yml'), 'version: 1\nresponse:\n  actions:\n    tier-3:\n      automatic: [issue, block-pull-requests]\n');
    const strict = await check('--store', 'store', '--policy', 'strict-response.yml');
    expect(strict.decisions.find((d) => d.name === 'ms')).toMatchObject({ rule: 'incident:INC-2', outcome: 'block' });
  }, STORE_HOOK_TIMEOUT);

  it('stops blocking once the advisory is withdrawn', async () => {
    await writeFile(join(work, 'withdrawn.json'), JSON.stringify({ ...debugMalwareOsv(), modified: '2025-10-01T00:00:00Z', withdrawn: '2025-10-01T00:00:00Z' }));
    expect((await run('respond', 'withdrawn.json', '--store', 'store')).stdout).toContain('INC-1 updated by MAL-2025-46974');
    const { decisions } = await check('--store', 'store');
    expect(decisions.filter((d) => d.name === 'debug')).toEqual([]);
  }, STORE_HOOK_TIMEOUT);
});
