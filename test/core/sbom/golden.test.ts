import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBom, serializeBom } from '../../../src/core/sbom/index.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { sampleAppGraph, sampleMonorepoGraph } from './sample-graphs.js';

const GOLDEN = join(FIXTURES, 'golden', 'sbom');
const OPTIONS = { root: { name: 'sample-repo', version: '1.0.0' }, toolVersion: '0.1.0', deterministic: true } as const;

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('SBOM golden files', () => {
  it('renders the sample app as the recorded CycloneDX 1.6 JSON', async () => {
    await expectGolden('app.cdx.json', `${serializeBom(buildBom([sampleAppGraph()], OPTIONS), 'json', { space: 2 })}\n`);
  });

  it('renders the sample app as the recorded CycloneDX 1.6 XML', async () => {
    await expectGolden('app.cdx.xml', `${serializeBom(buildBom([sampleAppGraph()], OPTIONS), 'xml', { space: 2 })}\n`);
  });

  it('renders a monorepo with its workspace as the recorded CycloneDX 1.6 JSON', async () => {
    await expectGolden('monorepo.cdx.json', `${serializeBom(buildBom([sampleMonorepoGraph()], OPTIONS), 'json', { space: 2 })}\n`);
  });
});
