import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import type { RepoFiles } from '../../src/core/ports.js';
import { readTreeAgeGates } from '../../src/ecosystems/age-gates.js';
import { ageGateFiles, lineIndexers, lockfileParsers } from '../../src/ecosystems/api.js';

const memory = (files: Record<string, string>): RepoFiles => ({
  label: 'memory',
  listFiles: async () => Object.keys(files),
  readFile: async (path) => (files[path] === undefined ? undefined : new TextEncoder().encode(files[path])),
});

describe('the ecosystem registry', () => {
  it('has a line indexer for every lockfile family a repository scan reads', () => {
    expect([...lockfileParsers.keys()].filter((format) => !lineIndexers.has(format))).toEqual([]);
  });

  it('lists each package manager settings file once, under its own name', () => {
    expect([...ageGateFiles.keys()].sort()).toEqual(['.npmrc', '.yarnrc.yml', 'bunfig.toml', 'pnpm-workspace.yaml']);
    for (const [name, gate] of ageGateFiles) expect(gate.fileName).toBe(name);
  });

  it('reads the age gates of a tree from the registered files only, sorted by path, node_modules left out by the tree', async () => {
    const gates = await readTreeAgeGates(
      memory({ 'packages/a/.npmrc': 'min-release-age=1\n', '.yarnrc.yml': 'npmMinimalAgeGate: 3d\n', 'bunfig.toml.bak': '[install]\nminimumReleaseAge = "x"\n' }),
      DEFAULT_LIMITS,
    );
    expect(gates.map((g) => [g.file, g.hours])).toEqual([
      ['.yarnrc.yml', 72],
      ['packages/a/.npmrc', 24],
    ]);
  });

  it('refuses a settings file over its size limit instead of reading it', async () => {
    await expect(readTreeAgeGates(memory({ '.npmrc': `# ${'x'.repeat(300 * 1024)}\n` }), DEFAULT_LIMITS)).rejects.toMatchObject({ name: 'ParseError', code: 'TOO_LARGE', file: '.npmrc' });
  });
});
