import type { LockfileParser } from '../types.js';
import { parseBunLock } from './parse.js';

/** Text `bun.lock` (bun ≥ 1.2). The binary `bun.lockb` is not read. */
export const bunParser: LockfileParser = {
  format: 'bun-lock',
  fileNames: ['bun.lock'],
  detect: (content) => /^\s*\{\s*"lockfileVersion"\s*:\s*\d+\s*,[\s\S]{0,200}"(?:configVersion|workspaces)"/.test(content.slice(0, 512)),
  parse: parseBunLock,
};
