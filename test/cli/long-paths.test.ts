import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PATH_HEAD, PATH_TAIL } from '../../src/core/graph/paths.js';
import { cli } from '../helpers/cli.js';

// A hostile lockfile well inside the package limit: 12,000 packages (30,000 takes the same path, only slower), each depending on the next. Every one is
// a change, and each used to carry its whole path: "Invalid string length" at 10,000, out of memory at 30,000.
const DEPTH = 12_000;
const dir = mkdtempSync(join(tmpdir(), 'chaingate-long-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, depth: number): string {
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: depth > 0 ? { p0: '1.0.0' } : {} } };
  for (let i = 0; i < depth; i++) {
    packages[`node_modules/p${i}`] = { version: '1.0.0', ...(i + 1 < depth ? { dependencies: { [`p${i + 1}`]: '1.0.0' } } : {}) };
  }
  mkdirSync(join(dir, name));
  const file = join(dir, name, 'package-lock.json');
  writeFileSync(file, JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }));
  return file;
}
const base = write('base', 0);
const head = write('head', DEPTH);

describe('a 12,000-deep dependency chain', () => {
  it('diff --format json finishes with every path cut to its ends, and says how much it cut', async () => {
    const { code, stdout } = await cli(['diff', '--base', base, '--head', head, '--format', 'json'], '/');
    expect(code).toBe(0);
    const changes = JSON.parse(stdout).changes as { name: string; paths: { packages: string[]; omitted?: number }[] }[];
    expect(changes).toHaveLength(DEPTH);
    const deepest = changes.find((c) => c.name === `p${DEPTH - 1}`)!;
    expect(deepest.paths[0]!.packages).toHaveLength(PATH_HEAD + PATH_TAIL);
    expect(deepest.paths[0]!.omitted).toBe(DEPTH - PATH_HEAD - PATH_TAIL);
  });

  it('diff in text says how much of a path it left out', async () => {
    const { code, stdout } = await cli(['diff', '--base', base, '--head', head], '/');
    expect(code).toBe(0);
    expect(stdout).toContain(`p${DEPTH - 1} 1.0.0  (transitive)  via . > p0@1.0.0 >`);
    expect(stdout).toContain(`… ${(DEPTH - PATH_HEAD - PATH_TAIL).toLocaleString('en-US')} more … > p${DEPTH - PATH_TAIL}@1.0.0`);
  });
});
