import type { LockfileParser } from '../types.js';

// bun.lock also opens with `"lockfileVersion"`, then `configVersion` or `workspaces`; npm never writes those next.
const BUN_HEAD = /"lockfileVersion"\s*:\s*\d+\s*,\s*"(?:configVersion|workspaces)"/;
const VERSION_FIELD = /"lockfileVersion"\s*:\s*-?\d/;

/** npm `package-lock.json` and `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const npmParser: LockfileParser = {
  format: 'npm-package-lock',
  fileNames: ['package-lock.json', 'npm-shrinkwrap.json'],
  detect: (content) => {
    // npm writes name, version and lockfileVersion first, so the head is enough and detection stays cheap.
    const head = content.slice(0, 4096);
    return /^\s*\{/.test(head) && VERSION_FIELD.test(head) && !BUN_HEAD.test(head);
  },
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./parse.js')).parseNpmLockfile(content, options),
};
