/**
 * The narrow ports through which the engine reaches the outside world. Shells
 * hand in implementations from src/adapters (disk, git, later the GitHub API).
 */

/** The files of one repository tree: a directory on disk, a git revision, or a tree read through an API. */
export interface RepoFiles {
  /** Human-readable name for messages, e.g. `HEAD~1 (3f2a9c1)` or `./my-app`. */
  readonly label: string;
  /** Every file path in the tree, relative and `/`-separated, `node_modules` excluded. */
  listFiles(): Promise<readonly string[]>;
  /**
   * Reads one file's bytes.
   * @returns `undefined` when the tree has no such file.
   * @throws {ParseError} TOO_LARGE when it is larger than `maxBytes`, without reading it whole.
   */
  readFile(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
}
