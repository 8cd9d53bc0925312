import { ParseError } from '../core/errors.js';
import type { DependencyGraph } from '../core/model.js';
import { lockfileParsers, sbomParsers } from './api.js';
import type { LockfileParser, ParseOptions } from './types.js';

/**
 * Picks the parser for a file: among those that claim its base name, the one
 * whose content check passes, else the last registered for that name (so a
 * damaged `yarn.lock` still reaches a parser that says what is wrong); for any
 * other name, the first parser of any kind whose content check passes.
 */
export function detectParser(path: string, content: string): LockfileParser | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const all = [...lockfileParsers.values(), ...sbomParsers.values()];
  const byName = all.filter((p) => p.fileNames.includes(base));
  const candidates = byName.length > 0 ? byName : all;
  return candidates.find((p) => p.detect(content, path)) ?? byName.at(-1);
}

/**
 * Parses any supported lockfile or SBOM, detecting its format.
 * @throws {ParseError} UNKNOWN_FORMAT when no parser recognises it, or the parser's own error.
 */
export async function parseLockfile(content: string, options: ParseOptions): Promise<DependencyGraph> {
  const parser = detectParser(options.path, content);
  if (!parser) {
    throw new ParseError(
      'UNKNOWN_FORMAT',
      options.path,
      'is not a lockfile or SBOM chaingate reads (package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, bun.lock, CycloneDX JSON, SPDX JSON)',
    );
  }
  return parser.parse(content, options);
}
