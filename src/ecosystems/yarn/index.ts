import type { LockfileParser } from '../types.js';
import { parseBerry } from './berry.js';
import { parseClassic } from './classic.js';
import { isBerryLockfile, isClassicLockfile } from './detect.js';

/** yarn v1 `yarn.lock`. */
export const yarnClassicParser: LockfileParser = {
  format: 'yarn-classic',
  fileNames: ['yarn.lock'],
  detect: (content) => isClassicLockfile(content),
  parse: parseClassic,
};

/** yarn 2+ (berry) `yarn.lock`. */
export const yarnBerryParser: LockfileParser = {
  format: 'yarn-berry',
  fileNames: ['yarn.lock'],
  detect: (content) => isBerryLockfile(content),
  parse: parseBerry,
};
