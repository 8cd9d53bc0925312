import type { DependencyGraph, LockfileFormat } from '../core/model.js';
import type { Limits } from '../core/limits.js';
import type { AgeGate } from '../core/config/npmrc.js';

/**
 * Reads a file next to the lockfile (e.g. `package.json`, `packages/a/package.json`).
 * Resolves to `undefined` when the file does not exist.
 */
export type OpenSibling = (relativePath: string) => Promise<string | undefined>;

export interface ParseOptions {
  /** Path of the file relative to the repository root; used in errors and in the graph. */
  readonly path: string;
  readonly limits: Limits;
  /** Opens files relative to the lockfile's directory. Absent: parsers do without them. */
  readonly openSibling?: OpenSibling | undefined;
  /**
   * Lists the files of the tree below the lockfile's directory (relative,
   * `/`-separated, `node_modules` excluded), for formats whose workspaces are
   * globs in package.json (yarn classic). Absent: such globs cannot be expanded.
   */
  readonly listFiles?: (() => Promise<readonly string[]>) | undefined;
}

/** One lockfile (or SBOM) family. Register it in `api.ts`. */
export interface LockfileParser {
  readonly format: LockfileFormat;
  /** File base names this parser claims, e.g. `package-lock.json`. */
  readonly fileNames: readonly string[];
  /** Whether `content` (already known to be text) looks like this format; used when names are ambiguous. */
  detect(content: string, path: string): boolean;
  /** @throws {ParseError} with the file and the reason when the content cannot be read. */
  parse(content: string, options: ParseOptions): Promise<DependencyGraph>;
}

/** Where a package manager's entries start in its lockfile text: `name@version` (and bare `name`) → 1-based line. */
export type LineIndexer = (content: string) => Map<string, number>;

/** A package manager's settings file that may declare a minimum release age. Register it in `api.ts`. */
export interface AgeGateFile {
  /** Base name, e.g. `.npmrc`. */
  readonly fileName: string;
  /**
   * Async so that a reader and its parser (YAML) load only when a tree has the file.
   * @throws {ConfigError} naming the file (and line) when the settings cannot be read.
   */
  read(file: string, content: string): Promise<AgeGate[]>;
}
