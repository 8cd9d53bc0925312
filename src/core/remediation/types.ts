import type { Advisory, PackageMetadata } from '../facts.js';
import type { DependencyGraph, DependencyPath } from '../model.js';

/** The package managers whose manifests chaingate knows how to override. */
export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/** One advisory as it bears on one package: which versions it affects and which fix it. */
export interface AffectedPackage {
  readonly advisory: Advisory;
  readonly name: string;
  /** Whether this exact version is affected (OSV evaluation, done by the caller's adapter). */
  readonly affects: (version: string) => boolean;
}

/** A parsed `package.json`, untrusted: only string-valued dependency maps are read. */
export type Manifest = Readonly<Record<string, unknown>>;

export interface PlanInput {
  readonly graph: DependencyGraph;
  /** Parsed manifests by workspace id (`.` is the root, the one that holds overrides). */
  readonly manifests: ReadonlyMap<string, Manifest>;
  readonly affected: AffectedPackage;
  /** The registry's view of the affected package: its published versions and their dates. */
  readonly metadata: PackageMetadata;
  /**
   * Ranges the lockfile records for each package's dependencies: package id → alias → range
   * (see {@link npmDeclaredRanges}). A dependent whose range is not known constrains nothing.
   */
  readonly declaredRanges?: ReadonlyMap<string, ReadonlyMap<string, string>> | undefined;
  /**
   * Versions of the package this lockfile held in earlier commits, newest first (from its git
   * history): a revert goes back to the newest of them that qualifies before asking the registry.
   */
  readonly previousVersions?: readonly string[] | undefined;
  /** Registry metadata of the affected package's parents (with each version's `dependencies`), for an in-range parent update. */
  readonly parentMetadata?: ReadonlyMap<string, PackageMetadata> | undefined;
}

/** A parent moved within its declared range so that it no longer accepts an affected version. */
export interface ParentUpdate {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** The new parent's range on the affected package. */
  readonly range: string;
  /** The version the package manager is expected to lock (the newest in `range`). */
  readonly expected?: string | undefined;
}

/** One change to one manifest, with why. */
export interface ManifestEdit {
  /** Manifest path relative to the lockfile's directory: `package.json`, `packages/a/package.json`. */
  readonly manifest: string;
  /** JSON keys down to the value, e.g. `["dependencies", "minimist"]` or `["overrides", "minimist@1.2.5"]`. */
  readonly key: readonly string[];
  /** The value before (absent when the key is new). */
  readonly from?: string | undefined;
  readonly to: string;
  /**
   * For a raised range: the exact version it is meant to lock. A package manager given a
   * new range takes the newest version in it, so the lockfile is first written with this
   * pin, then with the range, which the locked version already satisfies.
   */
  readonly pin?: string | undefined;
  readonly why: string;
}

/** What the plan decided for one affected version in the lockfile. */
export interface VersionRemedy {
  readonly from: string;
  /** The version that replaces it, absent when nothing can be done automatically. */
  readonly to?: string | undefined;
  readonly strategy: 'patch' | 'revert';
  /** Where it is reached from (a few shortest paths). */
  readonly paths: readonly DependencyPath[];
  /** Ranges of its dependents, as `dependent → range`. */
  readonly ranges: readonly string[];
  /** Set when the remedy is an in-range update of the parent rather than an override. */
  readonly via?: ParentUpdate | undefined;
  readonly reason: string;
}

/** The smallest change to one lockfile's project that removes every affected version. */
export interface RemediationPlan {
  readonly advisory: string;
  readonly malware: boolean;
  readonly package: string;
  readonly lockfile: string;
  readonly manager: PackageManager;
  /**
   * `not-exposed`: no affected version in the lockfile; `ready`: every affected version has a remedy
   * and `edits` applies them; `manual`: at least one cannot be remedied automatically (see the reasons).
   */
  readonly status: 'not-exposed' | 'ready' | 'manual';
  readonly remedies: readonly VersionRemedy[];
  readonly edits: readonly ManifestEdit[];
}
