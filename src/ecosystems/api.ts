import type { LockfileFormat } from '../core/model.js';
import { bunAgeGate } from './bun/age-gate.js';
import { bunParser } from './bun/index.js';
import { indexBunLines } from './bun/lines.js';
import { cyclonedxParser } from './cyclonedx/index.js';
import { npmAgeGate } from './npm/age-gate.js';
import { npmParser } from './npm/index.js';
import { indexNpmLines } from './npm/lines.js';
import { pnpmAgeGate } from './pnpm/age-gate.js';
import { pnpmParser } from './pnpm/index.js';
import { indexPnpmLines } from './pnpm/lines.js';
import { spdxParser } from './spdx/index.js';
import type { AgeGateFile, LineIndexer, LockfileParser } from './types.js';
import { yarnAgeGate } from './yarn/age-gate.js';
import { yarnBerryParser, yarnClassicParser } from './yarn/index.js';
import { indexYarnLines } from './yarn/lines.js';

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

/**
 * How to find each package's line in a lockfile's text, for SARIF locations and annotations. Formats
 * without one (SBOMs) point at line 1.
 */
export const lineIndexers: ReadonlyMap<LockfileFormat, LineIndexer> = new Map<LockfileFormat, LineIndexer>([
  ['npm-package-lock', indexNpmLines],
  ['yarn-berry', indexYarnLines],
  ['yarn-classic', indexYarnLines],
  ['pnpm-lock', indexPnpmLines],
  ['bun-lock', indexBunLines],
]);

/** Package-manager settings files whose minimum-release-age a check honours, by base name. */
export const ageGateFiles: ReadonlyMap<string, AgeGateFile> = new Map(
  [npmAgeGate, pnpmAgeGate, yarnAgeGate, bunAgeGate].map((gate) => [gate.fileName, gate]),
);
