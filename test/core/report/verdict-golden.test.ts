import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { renderVerdictJson } from '../../../src/core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { renderVerdictText } from '../../../src/core/report/verdict-text.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { sampleDiff, sampleLines, sampleVerdict } from './verdict-samples.js';

const GOLDEN = join(FIXTURES, 'golden', 'report');

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it instead. */
async function expectGolden(name: string, actual: string): Promise<void> {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('verdict golden files', () => {
  it('renders the sample verdict as the recorded Markdown', async () => {
    await expectGolden('verdict.md', renderVerdictMarkdown(sampleVerdict()));
  });

  it('renders the sample verdict as the recorded terminal text', async () => {
    await expectGolden('verdict.txt', renderVerdictText(sampleVerdict()));
  });

  it('renders the sample verdict as the recorded JSON', async () => {
    await expectGolden('verdict.json', renderVerdictJson(sampleVerdict(), { toolVersion: '0.1.0', base: 'origin/main', head: 'HEAD', changes: sampleDiff.summary }));
  });

  it('renders the sample verdict as the recorded SARIF', async () => {
    await expectGolden('verdict.sarif.json', renderSarif(sampleVerdict(), { toolVersion: '0.1.0', informationUri: 'https://example.org/chaingate', lines: sampleLines }));
  });
});
