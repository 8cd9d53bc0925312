import type { LockfileParser } from '../types.js';

/** Text `bun.lock` (bun ≥ 1.2). The binary `bun.lockb` is not read. */
export const bunParser: LockfileParser = {
  format: 'bun-lock',
  fileNames: ['bun.lock'],
  detect: (content) => /^\s*\{\s*"lockfileVersion"\s*:\s*\d+\s*,[\s\S]{0,200}"(?:configVersion|workspaces)"/.test(content.slice(0, 512)),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./parse.js')).parseBunLock(content, options),
};
