import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { buildZip } from './zip-builder.js';

// Going from the upgrade fixture's head back to its base brings in lodash 4.17.20 (GHSA-35jh-r3h4-6jhm):
// with a usable advisory set this is blocked; with an unusable one it must not pass either.
const BASE = join(FIXTURES, 'npm/v3-resolved/upgrade/head/package-lock.json');
const HEAD = join(FIXTURES, 'npm/v3-resolved/upgrade/base/package-lock.json');
const GOOD_SET = join(FIXTURES, 'osv/check');
const LODASH_RECORD = join(GOOD_SET, 'GHSA-35jh-r3h4-6jhm.json');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaingate-hostile-osv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(advisories: string) {
  const { code, stdout, stderr } = await cli(['check', '--base', BASE, '--head', HEAD, '--offline', '--advisories', advisories, '--format', 'json'], '/');
  return { code, stderr, verdict: JSON.parse(stdout) as { conclusion: string; unavailable: { source: string; kind: string; reason: string; outcome: string }[] } };
}

describe('chaingate check --offline --advisories fails closed on an advisory set that yields nothing usable', () => {
  const hostile: [string, () => Promise<string>][] = [
    ['an empty directory', async () => dir],
    ['a directory without .json files', async () => {
      await writeFile(join(dir, 'GHSA-35jh-r3h4-6jhm.yml'), await readFile(LODASH_RECORD));
      await writeFile(join(dir, 'notes.txt'), 'nothing here');
      return dir;
    }],
    ['a directory of malformed records only', async () => {
      await writeFile(join(dir, 'GHSA-35jh-r3h4-6jhm.json'), (await readFile(LODASH_RECORD, 'utf8')).slice(0, 200));
      await writeFile(join(dir, 'no-id.json'), JSON.stringify({ summary: 'no id', affected: [] }));
      await mkdir(join(dir, 'nested'));
      await writeFile(join(dir, 'nested', 'list.json'), '[]');
      return dir;
    }],
    ['a zip whose entries climb out with ../ names', async () => {
      const record = await readFile(LODASH_RECORD);
      const path = join(dir, 'all.zip');
      await writeFile(path, buildZip([{ name: '../../GHSA-35jh-r3h4-6jhm.json', content: record }, { name: '../x/MAL.json', content: record }]));
      return path;
    }],
    ['a zip whose entries are padded to absurd sizes', async () => {
      const record = await readFile(LODASH_RECORD, 'utf8');
      const path = join(dir, 'all.zip');
      await writeFile(
        path,
        buildZip([
          // A real record followed by 20 MiB of spaces: a valid JSON text, far over the per-entry bound.
          { name: 'GHSA-35jh-r3h4-6jhm.json', content: record + ' '.repeat(20 * 1024 * 1024) },
          // A header that declares 3 GiB for a few bytes of data.
          { name: 'GHSA-9wv6-86v2-598j.json', content: record, method: 0, declaredSize: 3 * 1024 * 1024 * 1024 },
        ]),
      );
      return path;
    }],
  ];

  it.each(hostile)('%s: exit 1, the source named as unavailable', async (_what, build) => {
    const advisories = await build();
    const { code, verdict } = await check(advisories);
    expect(code).toBe(1);
    expect(verdict.conclusion).toBe('failure');
    expect(verdict.unavailable.map((u) => [u.source, u.kind, u.outcome])).toEqual([
      [`osv-offline:${advisories}`, 'advisories', 'block'],
      [`osv-offline:${advisories}`, 'malware', 'block'],
    ]);
  });

  it('names the unsafe entry in the reason', async () => {
    const record = await readFile(LODASH_RECORD);
    const path = join(dir, 'all.zip');
    await writeFile(path, buildZip([{ name: 'GHSA-35jh-r3h4-6jhm.json', content: record }, { name: '../escape.json', content: record }]));
    const { code, verdict } = await check(path);
    expect(code).toBe(1);
    expect(verdict.unavailable[0]?.reason).toContain('"../escape.json" has an unsafe name');
  });

  it('still blocks on the good set, so the cases above fail for the set and not for the change', async () => {
    const { code, verdict } = await check(GOOD_SET);
    expect(code).toBe(1);
    expect(verdict.unavailable).toEqual([]);
  });
});
