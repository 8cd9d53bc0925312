import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The `npx chaingate …` arguments of the first command in the README's "The two commands" section. */
function mainCommand(): string[] {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const section = readme.slice(readme.indexOf('## The two commands'));
  const block = /```sh\n([^`]*)```/u.exec(section)?.[1] ?? '';
  const line = block.split('\n').find((l) => l.includes('npx chaingate ')) ?? '';
  return line.slice(line.indexOf('npx chaingate ') + 'npx chaingate '.length).trim().split(/\s+/u);
}

describe("the README's main command", () => {
  it('is a check of the example pull request, offline', () => {
    expect(mainCommand()).toEqual(['check', '--base', 'examples/pull-request/base', '--head', 'examples/pull-request/head', '--advisories', 'examples/advisories', '--offline']);
  });

  it('blocks the malicious debug release and the vulnerable transitive minimist', async () => {
    const { code, stdout } = await cli(mainCommand(), ROOT);
    expect(stdout).toMatch(/^chaingate: FAIL \(2 blocked/u);
    expect(stdout).toContain('BLOCK malware (critical, tier 1)  debug 4.4.1 → 4.4.2  MAL-2025-46974');
    expect(stdout).toContain('BLOCK vulnerability (critical, tier 1)  minimist 1.2.5  GHSA-xvch-5gv4-984h');
    expect(stdout).toContain('via . > mkdirp@0.5.5 > minimist@1.2.5');
    expect(code).toBe(1);
  });

  it('prints what the README shows', async () => {
    const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
    const { stdout } = await cli(mainCommand(), ROOT);
    expect(readme).toContain(stdout.trimEnd());
  });
});
