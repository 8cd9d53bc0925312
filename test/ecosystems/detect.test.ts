import { describe, expect, it } from 'vitest';
import { lockfileNames, lockfileParsers, sbomParsers } from '../../src/ecosystems/api.js';
import { detectParser, parseLockfile } from '../../src/ecosystems/detect.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { readFixture } from '../helpers/fixtures.js';

const samples: Record<string, string> = {
  'npm-package-lock': 'npm/v3/app/package-lock.json',
  'yarn-classic': 'yarn/classic/app/yarn.lock',
  'yarn-berry': 'yarn/berry4/app/yarn.lock',
  'pnpm-lock': 'pnpm/pnpm9/app/pnpm-lock.yaml',
  'bun-lock': 'bun/app/bun.lock',
  'cyclonedx-json': 'cyclonedx/app/bom.1.6.cdx.json',
  'spdx-json': 'spdx/app/sbom.spdx.json',
};

describe('the ecosystem registry', () => {
  it('has a real fixture for every registered format, detected by name and content', async () => {
    for (const [format, parser] of [...lockfileParsers, ...sbomParsers]) {
      const rel = samples[format];
      expect(rel, `no sample for ${format}`).toBeDefined();
      const content = await readFixture(rel!);
      expect(detectParser(rel!, content)?.format).toBe(format);
      expect(parser.format).toBe(format);
      const graph = await parseLockfile(content, { path: rel!, limits: DEFAULT_LIMITS });
      expect(graph.format).toBe(format);
      expect(graph.packages.size).toBeGreaterThan(50);
    }
  });

  it('finds SBOMs by content whatever their file name', async () => {
    const content = await readFixture(samples['cyclonedx-json']!);
    expect(detectParser('reports/anything.json', content)?.format).toBe('cyclonedx-json');
  });

  it('scans for lockfile names only, never SBOM names', () => {
    expect([...lockfileNames].sort()).toEqual(['bun.lock', 'npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']);
  });

  it('sends a damaged yarn.lock to a parser that says what is wrong', async () => {
    await expect(parseLockfile('garbage: [', { path: 'yarn.lock', limits: DEFAULT_LIMITS })).rejects.toMatchObject({ code: 'MALFORMED' });
  });

  it('refuses a file no parser recognises', async () => {
    await expect(parseLockfile('hello', { path: 'notes.txt', limits: DEFAULT_LIMITS })).rejects.toMatchObject({ code: 'UNKNOWN_FORMAT' });
  });
});
