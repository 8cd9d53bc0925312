/**
 * The domain model every part of chaingate shares. Parsers produce a
 * {@link DependencyGraph}; the SBOM writer, the diff and (later) the signals
 * read it. Nothing here knows where a lockfile came from.
 */

/** How a dependency edge was declared. */
export type DependencyKind = 'prod' | 'dev' | 'optional' | 'peer';

/** Where a package's bits come from, as recorded by the lockfile. */
export type SourceKind = 'registry' | 'git' | 'remote' | 'file' | 'link' | 'workspace' | 'unknown';

/** One edge: from a package or workspace to a package node, under the name it was declared with. */
export interface DependencyEdge {
  /** Id of the target {@link PackageNode}. */
  readonly to: string;
  /** The name under which the dependent requires it (differs from the package name for `npm:` aliases). */
  readonly alias: string;
  readonly kind: DependencyKind;
}

/** One resolved package (a name at a version from one source). */
export interface PackageNode {
  /** Unique within the graph; stable across runs: `name@version`, suffixed when one lockfile holds two different artefacts for it. */
  readonly id: string;
  /** Package URL type: `npm` for every JavaScript lockfile. */
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly purl: string;
  readonly resolved?: string | undefined;
  /** Subresource-integrity string (`sha512-…`), or a lockfile checksum normalised to one. */
  readonly integrity?: string | undefined;
  readonly source: SourceKind;
  /** Reachable only through dev dependencies. */
  dev: boolean;
  /** Reachable only through optional dependencies. */
  optional: boolean;
  /** Installed only to satisfy a peer dependency. */
  peer: boolean;
  /** `true`/`false` where the lockfile records it, `undefined` where it does not. */
  readonly hasInstallScript?: boolean | undefined;
  /** SPDX expression or free text, where the lockfile records it. */
  readonly license?: string | undefined;
  /** Workspace ids (see {@link Workspace.id}) that declare this package directly. */
  readonly directIn: ReadonlySet<string>;
  readonly dependencies: DependencyEdge[];
}

/** A project inside the repository: the root package or one workspace / importer. */
export interface Workspace {
  /** Path relative to the lockfile's directory, `.` for the root. */
  readonly id: string;
  readonly name?: string | undefined;
  readonly version?: string | undefined;
  readonly dependencies: DependencyEdge[];
  /**
   * Dependencies on other workspaces of the same lockfile (`workspace:*`,
   * npm's `link: true` to a workspace folder). They are not packages: a
   * workspace is never looked up in a registry. `to` is the target
   * workspace's id.
   */
  readonly links: DependencyEdge[];
}

/** Lockfile formats chaingate reads. */
export type LockfileFormat =
  | 'npm-package-lock'
  | 'yarn-classic'
  | 'yarn-berry'
  | 'pnpm-lock'
  | 'bun-lock'
  | 'cyclonedx-json'
  | 'spdx-json';

/** Everything one lockfile (or SBOM) says about a project's dependencies. */
export interface DependencyGraph {
  /** Path of the file it came from, relative to the repository root. */
  readonly path: string;
  readonly format: LockfileFormat;
  /** The format's own version, e.g. `3` for a package-lock v3 or `9.0` for pnpm. */
  readonly formatVersion: string;
  readonly workspaces: ReadonlyMap<string, Workspace>;
  readonly packages: ReadonlyMap<string, PackageNode>;
  /**
   * What the lockfile leaves out or contradicts without making it unreadable
   * (out-of-sync or hand-edited files): the graph holds what is there, and
   * each gap is reported once. Empty for a complete lockfile.
   */
  readonly warnings: readonly GraphWarning[];
}

/** Kinds of gap a parser reports instead of refusing the file. */
export type GraphWarningCode =
  /** A dependency descriptor (`name@range`) that no entry of the lockfile resolves. */
  | 'DANGLING_DEPENDENCY'
  /** A dependency the manifest (`package.json`) declares that the lockfile does not record. */
  | 'MISSING_FROM_LOCKFILE'
  /** A link or workspace reference to a folder the lockfile does not describe. */
  | 'DANGLING_LINK';

/** One gap in a lockfile: where it is (the dependent), what it names, and why it matters. */
export interface GraphWarning {
  readonly code: GraphWarningCode;
  /** The dependent: a workspace id (`.`, `packages/a`) or a package id (`mkdirp@0.5.5`). */
  readonly from: string;
  /** The reference as written, e.g. `minimist@npm:^1.2.5`. */
  readonly reference: string;
  readonly message: string;
}

/** A dependency path: workspace id, then package ids from the direct dependency down to the package. */
export interface DependencyPath {
  readonly workspace: string;
  /** The whole path, or for a very long one its first and last packages (see `omitted`). */
  readonly packages: readonly string[];
  /** How many packages of a very long path were left out between the first and the last ones shown. */
  readonly omitted?: number | undefined;
}
