import type { LockfileParser } from '../types.js';
import { isBerryLockfile, isClassicLockfile } from './detect.js';

/** yarn v1 `yarn.lock`. */
export const yarnClassicParser: LockfileParser = {
  format: 'yarn-classic',
  fileNames: ['yarn.lock'],
  detect: (content) => isClassicLockfile(content),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./classic.js')).parseClassic(content, options),
};

/** yarn 2+ (berry) `yarn.lock`. */
export const yarnBerryParser: LockfileParser = {
  format: 'yarn-berry',
  fileNames: ['yarn.lock'],
  detect: (content) => isBerryLockfile(content),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./berry.js')).parseBerry(content, options),
};
