import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/fixtures.js';

const out = mkdtempSync(join(tmpdir(), 'chaingate-sbom-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('chaingate sbom', () => {
  it('writes a CycloneDX 1.6 JSON SBOM of a directory, rooted at its package.json', async () => {
    const { code, stdout } = await cli(['sbom', join(FIXTURES, 'npm/v3-resolved/app'), '--deterministic'], '/');
    expect(code).toBe(0);
    const bom = JSON.parse(stdout);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.metadata.component).toMatchObject({ name: 'fixture-app', version: '1.0.0' });
    expect(bom.components.map((c: { name: string }) => c.name)).toContain('express');
    expect(bom.serialNumber).toBeUndefined();
  });

  it('gives identical bytes twice with --deterministic', async () => {
    const args = ['sbom', join(FIXTURES, 'pnpm/pnpm9/monorepo'), '--deterministic'];
    expect((await cli(args, '/')).stdout).toBe((await cli(args, '/')).stdout);
  });

  it('stamps time and a serial number without --deterministic', async () => {
    const bom = JSON.parse((await cli(['sbom', join(FIXTURES, 'npm/v3/app/package-lock.json')], '/')).stdout);
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f-]{36}$/u);
    expect(bom.metadata.timestamp).toBeDefined();
  });

  it('writes XML to --output', async () => {
    const file = join(out, 'bom.xml');
    const { code, stdout } = await cli(['sbom', join(FIXTURES, 'yarn'), '--format', 'xml', '--output', file, '-q'], '/');
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml/u);
    expect(xml).toContain('xmlns="http://cyclonedx.org/schema/bom/1.6"');
  });

  it('exits 2 with the file and reason on a malformed lockfile', async () => {
    const file = join(out, 'package-lock.json');
    writeFileSync(file, '{"lockfileVersion": 3, "packages": {');
    const { code, stderr } = await cli(['sbom', file], '/');
    expect(code).toBe(2);
    expect(stderr).toMatch(/package-lock\.json: is not valid JSON/u);
  });

  it('refuses a 200 MB lockfile by its size, before reading it, against the configured limit', async () => {
    const dir = mkdtempSync(join(out, 'huge-'));
    const file = join(dir, 'package-lock.json');
    writeFileSync(file, '');
    truncateSync(file, 200 * 1024 * 1024); // sparse: no 200 MB written or read
    const started = performance.now();
    const { code, stderr } = await cli(['sbom', dir], '/');
    expect(code).toBe(2);
    expect(stderr).toMatch(/package-lock\.json: is 200\.0 MiB, over the 64\.0 MiB limit \(raise it with --max-file-size\)/u);
    expect(performance.now() - started).toBeLessThan(5_000);
    const configured = await cli(['sbom', dir, '--max-file-size', '100MB'], '/');
    expect(configured.stderr).toContain('over the 100.0 MiB limit');
  });

  it('leaves out lockfiles under --exclude paths', async () => {
    const all = JSON.parse((await cli(['sbom', join(FIXTURES, 'npm/v3'), '--deterministic'], '/')).stdout);
    const some = JSON.parse((await cli(['sbom', join(FIXTURES, 'npm/v3'), '--deterministic', '--exclude', 'upgrade', '--exclude', 'monorepo/**'], '/')).stdout);
    const lockfiles = (bom: { components: { properties?: { name: string; value: string }[] }[] }) =>
      new Set(bom.components.flatMap((c) => (c.properties ?? []).filter((p) => p.name === 'chaingate:lockfile').map((p) => p.value)));
    expect([...lockfiles(all)].sort()).toEqual(['app/package-lock.json', 'monorepo/package-lock.json', 'upgrade/base/package-lock.json', 'upgrade/head/package-lock.json']);
    expect([...lockfiles(some)]).toEqual(['app/package-lock.json']);
  });

  it('exits 2 on a file that is no lockfile and a directory with none', async () => {
    const notes = join(out, 'notes.txt');
    writeFileSync(notes, 'hello');
    expect((await cli(['sbom', notes], '/')).stderr).toMatch(/notes\.txt: is not a lockfile or SBOM/u);
    const empty = mkdtempSync(join(out, 'empty-'));
    const { code, stderr } = await cli(['sbom', empty], '/');
    expect(code).toBe(2);
    expect(stderr).toContain('no lockfile found');
  });
});
