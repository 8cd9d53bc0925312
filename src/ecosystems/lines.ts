import type { LockfileFormat } from '../core/model.js';
import { lineIndexers } from './api.js';

/**
 * Where each package's entry starts in a lockfile, so annotations and SARIF
 * results can point at the line that brought a package in. One pass over the
 * text, no parse: it relies on the layout the package managers write (one key
 * per line), and a package it cannot place simply has no line. The first
 * entry of a `name@version` wins. The bare `name` maps to the package's first
 * entry at any version, a fallback for versions a lockfile does not spell
 * out (npm v1 `file:` folders, bun workspaces). Formats with no indexer
 * registered in `api.ts` (SBOMs) get an empty index.
 */
export function indexPackageLines(content: string, format: LockfileFormat): Map<string, number> {
  return lineIndexers.get(format)?.(content) ?? new Map();
}

/** The 1-based line of one package's entry; index once with {@link indexPackageLines} when looking up many. */
export function findPackageLine(content: string, format: LockfileFormat, name: string, version: string): number | undefined {
  return indexPackageLines(content, format).get(`${name}@${version}`);
}
