import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The messages of the folder-boundary rule for one import written in a file at `filePath`. */
async function boundaryErrors(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const y = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('folder boundaries (eslint.config.js)', () => {
  it.each([
    ['src/core/check/new.ts', '../../ecosystems/reader.js', 'imports nothing outward'],
    ['src/core/check/new.ts', '../../adapters/fs/disk-repo.js', 'imports nothing outward'],
    ['src/core/check/new.ts', '../../cli/io.js', 'imports nothing outward'],
    ['src/core/check/new.ts', 'node:fs', 'pure'],
    ['src/ecosystems/npm/new.ts', '../../adapters/git/git-repo.js', 'imports only src/core'],
    ['src/ecosystems/npm/new.ts', 'node:fs/promises', 'takes content'],
    ['src/adapters/git/new.ts', '../../cli/io.js', 'never import one'],
    ['src/adapters/git/new.ts', '../../action/inputs.js', 'never import one'],
    ['src/cli/commands/new.ts', '../../action/runner.js', 'do not import each other'],
    ['src/action/new.ts', '../cli/io.js', 'do not import each other'],
    ['src/app/new.ts', '../action/inputs.js', 'do not import each other'],
  ])('refuses %s importing %s', async (file, specifier, reason) => {
    const errors = await boundaryErrors(file, specifier);
    expect(errors.some((message) => message.includes(reason)), errors.join('; ')).toBe(true);
  });

  it.each([
    ['src/core/check/new.ts', '../policy/index.js'],
    ['src/ecosystems/npm/new.ts', '../../core/errors.js'],
    ['src/adapters/git/new.ts', '../../core/ports.js'],
    ['src/cli/commands/new.ts', '../../adapters/fs/disk-repo.js'],
    ['src/action/new.ts', '../ecosystems/reader.js'],
    ['src/app/new.ts', '../core/check/check-trees.js'],
  ])('lets %s import %s', async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toEqual([]);
  });
});
