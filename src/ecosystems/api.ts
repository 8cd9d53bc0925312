import type { LockfileFormat } from '../core/model.js';
import { bunParser } from './bun/index.js';
import { cyclonedxParser } from './cyclonedx/index.js';
import { npmParser } from './npm/index.js';
import { pnpmParser } from './pnpm/index.js';
import { spdxParser } from './spdx/index.js';
import type { LockfileParser } from './types.js';
import { yarnBerryParser, yarnClassicParser } from './yarn/index.js';

/**
 * Every lockfile family chaingate reads. A new one is a folder plus one line here.
 * Where two share a file name, the last is the fallback when neither recognises the content.
 */
export const lockfileParsers: ReadonlyMap<LockfileFormat, LockfileParser> = new Map<LockfileFormat, LockfileParser>([
  ['npm-package-lock', npmParser],
  ['yarn-berry', yarnBerryParser],
  ['yarn-classic', yarnClassicParser],
  ['pnpm-lock', pnpmParser],
  ['bun-lock', bunParser],
]);

/** SBOM formats read into the same graph; chosen by content, never found by a repository scan. */
export const sbomParsers: ReadonlyMap<LockfileFormat, LockfileParser> = new Map<LockfileFormat, LockfileParser>([
  ['cyclonedx-json', cyclonedxParser],
  ['spdx-json', spdxParser],
]);

/** Base names a repository scan picks up. */
export const lockfileNames: ReadonlySet<string> = new Set([...lockfileParsers.values()].flatMap((p) => p.fileNames));
