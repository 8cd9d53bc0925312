import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import type { RepoFiles } from '../../src/core/ports.js';
import { readOnce } from '../../src/core/read-once.js';

function countingTree(files: Record<string, string>): { tree: RepoFiles; reads: string[] } {
  const reads: string[] = [];
  const tree: RepoFiles = {
    label: 'tree',
    listFiles: async () => Object.keys(files),
    readFile: async (path, maxBytes) => {
      reads.push(path);
      const text = files[path];
      if (text === undefined) return undefined;
      if (text.length > maxBytes) throw new ParseError('TOO_LARGE', path, 'too large');
      return new TextEncoder().encode(text);
    },
  };
  return { tree, reads };
}

describe('readOnce', () => {
  it('reads each file of the tree once, missing ones included', async () => {
    const { tree, reads } = countingTree({ 'package-lock.json': '{}' });
    const once = readOnce(tree);
    for (let i = 0; i < 3; i++) {
      expect(new TextDecoder().decode(await once.readFile('package-lock.json', 100))).toBe('{}');
      expect(await once.readFile('yarn.lock', 100)).toBeUndefined();
    }
    expect(reads).toEqual(['package-lock.json', 'yarn.lock']);
  });

  it('still refuses a kept file over a smaller limit asked later', async () => {
    const { tree, reads } = countingTree({ 'yarn.lock': 'x'.repeat(50) });
    const once = readOnce(tree);
    await once.readFile('yarn.lock', 100);
    await expect(once.readFile('yarn.lock', 10)).rejects.toBeInstanceOf(ParseError);
    expect(reads).toEqual(['yarn.lock', 'yarn.lock']);
  });
});
