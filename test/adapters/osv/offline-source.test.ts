import { cp, mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParseError, UpstreamError } from '../../../src/core/errors.js';
import type { PackageRef } from '../../../src/core/facts.js';
import { loadOsvOffline, type OsvOfflineSource } from '../../../src/adapters/osv/index.js';
import { ZipEntryError } from '../../../src/adapters/osv/zip-reader.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { buildZip } from './zip-builder.js';

const RECORDS = join(FIXTURES, 'osv', 'records');
const ALL_ZIP = join(FIXTURES, 'osv', 'all.zip');
const npm = (name: string, version: string): PackageRef => ({ ecosystem: 'npm', name, version });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'chaingate-osv-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function idsFor(source: OsvOfflineSource, refs: PackageRef[]): Promise<Record<string, string[]>> {
  const found = await source.advisoriesFor(refs);
  return Object.fromEntries([...found].map(([key, list]) => [key, list.map((a) => a.id)]));
}

async function loadError(path: string): Promise<ParseError> {
  const error = await loadOsvOffline(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

const INCIDENTS: PackageRef[] = [
  npm('event-stream', '3.3.6'),
  npm('event-stream', '3.3.5'),
  npm('flatmap-stream', '0.1.1'),
  npm('ua-parser-js', '0.7.29'),
  npm('ua-parser-js', '0.7.30'),
  npm('ua-parser-js', '1.0.0'),
  npm('node-ipc', '10.1.2'),
  npm('node-ipc', '10.1.3'),
  npm('node-ipc', '9.2.1'),
  npm('debug', '4.4.2'),
  npm('debug', '4.4.1'),
  npm('chalk', '5.6.1'),
  npm('chalk', '5.6.2'),
  npm('lodash', '4.17.15'),
  npm('lodash', '4.17.21'),
  npm('lodash-es', '4.17.19'),
];

const EXPECTED = {
  'npm:event-stream@3.3.6': ['GHSA-mh6f-8j2x-4483'],
  'npm:flatmap-stream@0.1.1': ['GHSA-mh6f-8j2x-4483'],
  'npm:ua-parser-js@0.7.29': ['GHSA-pjwm-rvh2-c87w'],
  'npm:ua-parser-js@1.0.0': ['GHSA-pjwm-rvh2-c87w'],
  'npm:node-ipc@10.1.2': ['GHSA-97m3-w2cp-4xx6'],
  'npm:debug@4.4.2': ['MAL-2025-46974'],
  'npm:chalk@5.6.1': ['MAL-2025-46969'],
  'npm:lodash@4.17.15': ['GHSA-p6mc-m468-83gw'],
  'npm:lodash-es@4.17.19': ['GHSA-p6mc-m468-83gw'],
};

describe('loadOsvOffline', () => {
  it('indexes a directory of records and matches the incident versions, and only them', async () => {
    const source = await loadOsvOffline(RECORDS);
    expect(source.stats).toEqual({ records: 6, badRecords: 0, withdrawn: 0, skippedRanges: 0, unsupportedRanges: 0 });
    expect(await idsFor(source, INCIDENTS)).toEqual(EXPECTED);
  });

  it('gives the same answers from the all.zip layout', async () => {
    const source = await loadOsvOffline(ALL_ZIP);
    expect(source.stats.records).toBe(6);
    expect(await idsFor(source, INCIDENTS)).toEqual(EXPECTED);
  });

  it('normalises the malicious releases as malware with critical severity', async () => {
    const source = await loadOsvOffline(RECORDS);
    const found = await source.advisoriesFor([npm('debug', '4.4.2'), npm('lodash', '4.17.15')]);
    expect(found.get('npm:debug@4.4.2')?.[0]).toMatchObject({
      id: 'MAL-2025-46974',
      aliases: ['GHSA-8mgj-vmr8-frr6', 'GHSA-4x49-vf9v-38px'],
      source: 'osv',
      malware: true,
      severity: 'critical',
      fixedVersions: [],
      url: 'https://osv.dev/vulnerability/MAL-2025-46974',
    });
    expect(found.get('npm:lodash@4.17.15')?.[0]).toMatchObject({
      aliases: ['CVE-2020-8203'],
      malware: false,
      severity: 'high',
      cvssScore: 7.4,
      fixedVersions: ['4.17.20'],
    });
  });

  it('skips withdrawn records, bad JSON and records without an id, counting them', async () => {
    await cp(RECORDS, dir, { recursive: true });
    await writeFile(join(dir, 'broken.json'), '{"id": "GHSA-xxxx", "affected": [');
    await writeFile(join(dir, 'no-id.json'), '{"summary": "no id"}');
    await mkdir(join(dir, 'nested', 'deeper'), { recursive: true });
    await writeFile(
      join(dir, 'nested', 'deeper', 'GHSA-withdrawn.json'),
      JSON.stringify({ id: 'GHSA-wdrn-0000-0000', withdrawn: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['1.3.0'] }] }),
    );
    await writeFile(join(dir, 'notes.txt'), 'not a record');
    const source = await loadOsvOffline(dir);
    expect(source.stats).toMatchObject({ records: 6, badRecords: 2, withdrawn: 1 });
    expect(await idsFor(source, [npm('left-pad', '1.3.0')])).toEqual({});
  });

  it('skips hostile zip entries (bomb, corrupt, bad JSON), keeps the good ones and names the skipped ones', async () => {
    const good = JSON.stringify({ id: 'MAL-2025-46969', affected: [{ package: { ecosystem: 'npm', name: 'chalk' }, versions: ['5.6.1'] }] });
    const zip = buildZip([
      { name: 'MAL-2025-46969.json', content: good },
      { name: 'bomb.json', content: Buffer.alloc(4 * 1024 * 1024, 0x20) },
      { name: 'bad-crc.json', content: good, crc: 42 },
      { name: 'bad-json.json', content: '{"id":' },
      { name: 'README.txt', content: 'ignored' },
    ]);
    const path = join(dir, 'npm.zip');
    await writeFile(path, zip);
    const warnings: string[] = [];
    const source = await loadOsvOffline(path, { onWarning: (message) => warnings.push(message) });
    expect(source.stats).toMatchObject({ records: 1, badRecords: 3 });
    expect(await idsFor(source, [npm('chalk', '5.6.1')])).toEqual({ 'npm:chalk@5.6.1': ['MAL-2025-46969'] });
    expect(source.report.examples.map((e) => e.file)).toEqual(['bomb.json', 'bad-crc.json', 'bad-json.json']);
    expect(warnings).toEqual([expect.stringMatching(/npm\.zip: skipped 3 file\(s\).*1 indexed: bomb\.json \(compression ratio.*bad-crc\.json \(CRC-32 mismatch\); bad-json\.json \(not JSON\)$/u)]);
  });

  it.each([
    ['climbs out', '../GHSA-35jh-r3h4-6jhm.json'],
    ['is absolute', '/tmp/GHSA-35jh-r3h4-6jhm.json'],
    ['holds a backslash', 'npm\\..\\GHSA-35jh-r3h4-6jhm.json'],
    ['holds a NUL', 'GHSA-35jh-r3h4-6jhm.json\0.txt'],
    ['names a drive', 'C:GHSA-35jh-r3h4-6jhm.json'],
  ])('refuses a whole archive with an entry whose name %s, even beside good records', async (_why, name) => {
    const good = JSON.stringify({ id: 'MAL-2025-46969', affected: [{ package: { ecosystem: 'npm', name: 'chalk' }, versions: ['5.6.1'] }] });
    const path = join(dir, 'npm.zip');
    await writeFile(path, buildZip([{ name: 'MAL-2025-46969.json', content: good }, { name, content: good }]));
    const warnings: string[] = [];
    const source = await loadOsvOffline(path, { onWarning: (message) => warnings.push(message) });
    const error = await source.advisoriesFor([npm('chalk', '5.6.1')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', service: `osv-offline:${path}` });
    expect((error as Error).message).toContain(JSON.stringify(name));
    expect(warnings).toEqual([expect.stringContaining('unsafe name')]);
  });

  it.each([
    ['an empty directory', async () => {}],
    ['a directory without .json files', async () => {
      await writeFile(join(dir, 'README.md'), '# advisories');
      await writeFile(join(dir, 'GHSA-35jh-r3h4-6jhm.yaml'), 'id: GHSA-35jh-r3h4-6jhm');
    }],
    ['a directory of malformed records only', async () => {
      await writeFile(join(dir, 'broken.json'), '{"id": "GHSA-xxxx", "affected": [');
      await writeFile(join(dir, 'no-id.json'), '{"summary": "no id"}');
      await writeFile(join(dir, 'array.json'), '[{"id": "GHSA-35jh-r3h4-6jhm"}]');
    }],
    ['a directory of withdrawn records only', async () => {
      await writeFile(join(dir, 'w.json'), JSON.stringify({ id: 'GHSA-wdrn-0000-0000', withdrawn: '2024-01-01T00:00:00Z', affected: [] }));
    }],
  ])('answers "unavailable" (UpstreamError) for %s, instead of "no advisories"', async (_what, build) => {
    await build();
    const source = await loadOsvOffline(dir);
    expect(source.stats.records).toBe(0);
    await expect(source.advisoriesFor([npm('lodash', '4.17.20')])).rejects.toMatchObject({ name: 'UpstreamError', code: 'BAD_RESPONSE', service: `osv-offline:${dir}` });
    expect(await source.advisoriesFor([])).toEqual(new Map());
  });

  it('names the skipped files in the unavailable reason, and does not follow a symbolic link to a record', async () => {
    await writeFile(join(dir, 'broken.json'), '{"id": ');
    await symlink(join(RECORDS, 'MAL-2025-46974.json'), join(dir, 'MAL-2025-46974.json'));
    const source = await loadOsvOffline(dir);
    const error = (await source.advisoriesFor([npm('debug', '4.4.2')]).catch((e: unknown) => e)) as UpstreamError;
    expect(error.message).toMatch(/no usable OSV record.*skipped 2 file\(s\).*MAL-2025-46974\.json \(a symbolic link, not followed\); broken\.json \(not JSON\)/u);
  });

  it('fails clearly for a path that is missing, or neither a directory nor a zip', async () => {
    expect((await loadError(join(dir, 'missing'))).code).toBe('NOT_FOUND');
    const text = join(dir, 'advisories.json');
    await writeFile(text, '[]');
    const error = await loadError(text);
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toContain(text);
  });

  it('fails over the archive size limit and the entry count', async () => {
    expect((await loadOsvOffline(ALL_ZIP, { maxArchiveBytes: 100 }).catch((e: unknown) => e)) as ParseError).toMatchObject({ code: 'TOO_LARGE' });
    expect((await loadOsvOffline(ALL_ZIP, { maxEntries: 5 }).catch((e: unknown) => e)) as ParseError).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect((await loadOsvOffline(RECORDS, { maxEntries: 5 }).catch((e: unknown) => e)) as ParseError).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('survives every single-byte corruption of a real archive with a ParseError or a counted skip', async () => {
    const { readFile } = await import('node:fs/promises');
    const { readZipDirectory } = await import('../../../src/adapters/osv/zip-reader.js');
    const original = await readFile(ALL_ZIP);
    const limits = { maxEntries: 100, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 24, maxRatio: 100 };
    for (let at = 0; at < original.length; at += 7) {
      const zip = Buffer.from(original);
      zip[at] = (zip[at] ?? 0) ^ 0xff;
      try {
        for (const entry of readZipDirectory(zip, 'z.zip', limits)) {
          try {
            entry.read();
          } catch (error) {
            if (!(error instanceof ZipEntryError)) throw error;
          }
        }
      } catch (error) {
        if (!(error instanceof ParseError)) throw new Error(`byte ${at}: ${String(error)}`);
      }
    }
  });
});
