import type { LockfileParser } from '../types.js';

// lockfileVersion is the first key pnpm writes; a pnpm 11+ env document puts `---` before it.
const HEADER = /^(?:---\s*\n)?lockfileVersion:\s*['"]?\d/;

/** pnpm `pnpm-lock.yaml`, lockfileVersion 5.4 (pnpm 7), 6.0 (pnpm 8) and 9.0 (pnpm 9, 10). */
export const pnpmParser: LockfileParser = {
  format: 'pnpm-lock',
  fileNames: ['pnpm-lock.yaml'],
  detect: (content) => HEADER.test(content.replace(/^\uFEFF/, '')),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./parse.js')).parsePnpmLock(content, options),
};
