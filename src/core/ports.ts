import type { Advisory, PackageMetadata, PackageRef, ProvenanceVerdict } from './facts.js';

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

/** Key of a {@link PackageRef} in the maps sources return: `ecosystem:name@version`. */
export function packageKey(ref: PackageRef): string {
  return `${ref.ecosystem}:${ref.name}@${ref.version}`;
}

/**
 * A source of advisories (OSV, GitHub Advisory Database, npm bulk advisories,
 * an offline OSV export). One call answers for many packages, batched inside.
 */
export interface AdvisorySource {
  readonly name: string;
  /**
   * @returns for every asked package (by {@link packageKey}) the advisories that affect that exact version; packages without any may be absent.
   * @throws {UpstreamError} when the source cannot answer at all.
   */
  advisoriesFor(packages: readonly PackageRef[]): Promise<ReadonlyMap<string, readonly Advisory[]>>;
}

/** Registry metadata (npm packuments). */
export interface RegistrySource {
  readonly name: string;
  /**
   * @returns `undefined` when the registry has no such package.
   * @throws {UpstreamError} when the registry cannot answer.
   */
  metadata(ecosystem: string, name: string): Promise<PackageMetadata | undefined>;
}

/** Provenance of one published version (npm attestations verified with Sigstore). */
export interface ProvenanceSource {
  readonly name: string;
  /** @throws {UpstreamError} when the attestation service cannot answer. */
  provenance(ref: PackageRef, integrity: string | undefined): Promise<ProvenanceVerdict>;
}
