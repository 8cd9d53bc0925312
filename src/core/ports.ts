import type { AgeGate } from './config/npmrc.js';
import type { Advisory, PackageMetadata, PackageRef, ProvenanceVerdict } from './facts.js';
import type { Limits } from './limits.js';
import type { DependencyGraph } from './model.js';
import type { PackageLineIndex } from './report/lockfile-lines.js';

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

/** What a long step is doing, for a shell to show (the CLI on a terminal) or drop. */
export type ProgressEvent =
  | { readonly kind: 'lockfile'; readonly path: string; readonly index: number; readonly total: number; readonly tree: string }
  | { readonly kind: 'advisories'; readonly path: string }
  /** Something the user should know that does not stop the run (e.g. advisory records that were skipped). */
  | { readonly kind: 'warning'; readonly message: string };

export type ProgressListener = (event: ProgressEvent) => void;

/** One lockfile read from a tree: its graph, and where each package's entry starts in the text that was read. */
export interface ReadLockfile {
  readonly graph: DependencyGraph;
  /** Empty unless `lines` was asked for. */
  readonly lines: PackageLineIndex;
}

export interface ReadLockfilesOptions {
  readonly limits: Limits;
  /** Read only this file of the tree (a lockfile or SBOM named by the user) instead of scanning for lockfiles. */
  readonly only?: string | undefined;
  /** Lockfile paths a scan leaves out. */
  readonly exclude?: ((path: string) => boolean) | undefined;
  /** Index each package's line while the text is at hand (for SARIF and annotations). */
  readonly lines?: boolean | undefined;
  readonly onProgress?: ProgressListener | undefined;
}

/**
 * The lockfile families, as the check sees them. src/ecosystems implements
 * it (its registry knows the file names, formats, line layouts and
 * package-manager settings); core never imports src/ecosystems.
 */
export interface LockfileReader {
  /** @throws {ParseError} for a lockfile that cannot be read; `NOT_FOUND` when `only` names no file. */
  readLockfiles(files: RepoFiles, options: ReadLockfilesOptions): Promise<ReadLockfile[]>;
  /**
   * The package managers' minimum-release-age settings (`.npmrc`, `pnpm-workspace.yaml`, …) in a tree.
   * @throws {ConfigError} naming the file for a setting that cannot be read
   */
  readAgeGates(files: RepoFiles, limits: Limits): Promise<AgeGate[]>;
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

/** One unit of queued work as a worker sees it. */
export interface Job<Payload = unknown> {
  readonly id: string;
  readonly queue: string;
  readonly payload: Payload;
  /** 1 on the first try, 2 on the first retry, … */
  readonly attempt: number;
}

export interface EnqueueOptions {
  /**
   * At most one job with this key waits in the queue (per queue): enqueueing
   * it again while one waits does nothing. While one runs, one more may wait,
   * so a change that arrives during a run is never lost (level-triggered
   * reconciliation re-reads the state on its next run); two with one key
   * never run at once.
   */
  readonly singletonKey?: string;
  /** Retries after a failure, with exponential backoff (default 3). */
  readonly retryLimit?: number;
  /** First retry delay in seconds, doubled on each retry (default 5). */
  readonly retryDelaySeconds?: number;
  /** Do not start before this many seconds from now. */
  readonly startAfterSeconds?: number;
  /**
   * A run not finished after this long is taken for lost (its process died)
   * and retried; for jobs that take longer than the queue's default allows.
   */
  readonly expireInSeconds?: number;
}

/**
 * A durable job queue in the store: a job enqueued survives a crash or a
 * restart of the process that enqueued it, and is run by exactly one worker
 * at a time (several App replicas on one PostgreSQL included).
 */
export interface Jobs {
  /** @returns the job id, or `undefined` when a job with the same singleton key already waits. */
  enqueue(queue: string, payload: unknown, options?: EnqueueOptions): Promise<string | undefined>;
  /**
   * Starts working a queue in the background: the handler's throw retries the
   * job (up to its retry limit); resolves once the worker is registered.
   */
  work(queue: string, handler: (job: Job) => Promise<void>, options?: { readonly concurrency?: number }): Promise<void>;
  /** Jobs of a queue not yet completed or failed for good. */
  pending(queue: string): Promise<number>;
  /** Stops taking new jobs and waits for running ones to finish. */
  stop(): Promise<void>;
}

/** A webhook delivery as received, before any work is done on it. */
export interface Delivery {
  /** `X-GitHub-Delivery` GUID. */
  readonly id: string;
  /** `X-GitHub-Event`, e.g. `pull_request`. */
  readonly event: string;
  readonly payload: unknown;
  readonly receivedAt: Date;
}

/** Webhook deliveries persisted before they are acknowledged, so none is lost. */
export interface Deliveries {
  /**
   * Stores the delivery and enqueues its processing in one transaction.
   * @returns `false` when this delivery id was already recorded (a redelivery): nothing is enqueued again.
   */
  accept(delivery: Delivery): Promise<boolean>;
  /** The stored delivery, for the worker that processes it. */
  get(id: string): Promise<Delivery | undefined>;
  /** Marks it done (or failed for good, with the reason). */
  finish(id: string, outcome: { readonly ok: boolean; readonly error?: string }): Promise<void>;
}

/** The queue {@link Deliveries.accept} enqueues each delivery's processing on; the job's payload is `{ deliveryId }`. */
export const DELIVERY_QUEUE = 'github-deliveries';

/**
 * The queue an incident's reconciliation is enqueued on whenever the incident
 * changes (`chaingate respond`, webhooks); payload `{ incident: 'INC-<n>' }`,
 * singleton key the incident id, so one waits per incident.
 */
export const INCIDENT_QUEUE = 'incident-reconcile';

/** A repository as the inventory knows it: `owner/name`. */
export interface RepositoryName {
  readonly owner: string;
  readonly name: string;
}

/** One package of one snapshot, as stored in the inventory. */
export interface InventoryComponent {
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly purl: string;
  /** Declared directly by at least one workspace. */
  readonly direct: boolean;
  /** Reachable only through dev dependencies. */
  readonly dev: boolean;
  /** Workspaces whose trees contain it, sorted. */
  readonly workspaces: readonly string[];
  /** One shortest path: the workspace id, then `name@version` from the direct dependency down to the package. */
  readonly path: readonly string[];
  /** Lockfile (or SBOM) path in the repository. */
  readonly lockfile: string;
}

/** The dependencies of one (repository, ref) at one commit. */
export interface Snapshot {
  readonly repository: RepositoryName;
  /** Branch or tag, e.g. `main`, `v1.2.0`. */
  readonly ref: string;
  readonly sha: string;
  readonly scannedAt: Date;
  /** Digest of the dependency files the components came from: equal digest, equal components. */
  readonly contentHash: string;
  readonly components: readonly InventoryComponent[];
}

/** What the inventory holds for one (repository, ref). */
export interface SnapshotSummary {
  readonly repository: string;
  readonly ref: string;
  readonly sha: string;
  readonly scannedAt: Date;
  readonly components: number;
  readonly environments: readonly string[];
}

/** Which packages a scope query asks for: one name (in one ecosystem) and a version predicate. */
export interface PackageQuery {
  readonly ecosystem: string;
  readonly name: string;
  /** How the versions were given, for messages: `*`, `^4.4.0`, `4.4.2`, an advisory's ranges. */
  readonly versions: string;
  readonly matches: (version: string) => boolean;
}

/** One place a queried package is present. */
export interface Exposure {
  readonly repository: string;
  readonly ref: string;
  readonly sha: string;
  /** Environments whose deployed SHA is this snapshot's SHA. */
  readonly environments: readonly string[];
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  readonly direct: boolean;
  readonly dev: boolean;
  readonly path: readonly string[];
  readonly lockfile: string;
}

/** The exposure inventory: snapshots of every repository's dependencies, and where a package is. */
export interface Inventory {
  /** The stored snapshot's commit and content digest, to skip re-ingesting unchanged files. */
  snapshotState(repository: RepositoryName, ref: string): Promise<{ readonly sha: string; readonly contentHash: string } | undefined>;
  /**
   * Replaces the (repository, ref) snapshot in one transaction; concurrent
   * writers of one repository are serialised. When the stored digest equals
   * `contentHash` only the commit SHA and scan time are updated.
   */
  writeSnapshot(snapshot: Snapshot): Promise<'written' | 'moved' | 'unchanged'>;
  /**
   * Points the stored snapshot at a new commit whose dependency files are
   * unchanged, without touching its components (nothing is written for the same commit).
   * @returns `stale` when the stored digest is no longer `contentHash` (another writer won): parse and write instead.
   */
  moveSnapshot(repository: RepositoryName, ref: string, contentHash: string, sha: string, at: Date): Promise<'moved' | 'unchanged' | 'stale'>;
  /** Records that `sha` is what runs in `environment` now. */
  recordDeployment(repository: RepositoryName, environment: string, sha: string, at: Date): Promise<void>;
  /** Risk attributes: criticality and data sensitivity (free words such as `high`), owners (CODEOWNERS). */
  setAttributes(repository: RepositoryName, attributes: { readonly criticality?: string | undefined; readonly dataSensitivity?: string | undefined; readonly owners?: readonly string[] | undefined }): Promise<void>;
  list(): Promise<SnapshotSummary[]>;
  /** Removes one ref's snapshot, or the whole repository when `ref` is absent. @returns snapshots removed. */
  remove(repository: RepositoryName, ref?: string): Promise<number>;
  /**
   * Every snapshot component matching any query, ordered by repository, ref,
   * package, and how many there are in all: with `limit`, only the first
   * `limit` in that order are built (a popular package can be in tens of
   * thousands of snapshot rows).
   */
  findExposures(queries: readonly PackageQuery[], options?: { readonly limit?: number | undefined }): Promise<{ readonly exposures: Exposure[]; readonly total: number }>;
}

/** What a maintainer's `/chaingate allow` comment asked, and whether it was granted. */
export interface OverrideRecord {
  /** `owner/repo`. */
  readonly repository: string;
  readonly pullRequest: number;
  /** The comment that asked: one record per comment, however often it is delivered. */
  readonly commentId: number;
  readonly packageName: string;
  readonly version: string;
  /** The commenter's login. */
  readonly actor: string;
  /** `allowed`: the commenter may write to the repository; `refused`: they may not. */
  readonly decision: 'allowed' | 'refused';
  /** The reason the commenter gave. */
  readonly reason: string;
  readonly at: Date;
}

/** Maintainer overrides of pull requests, kept as their audit record. */
export interface Overrides {
  /** Records one override or refusal. @returns `false` when this comment was recorded before (a redelivery). */
  recordOverride(record: OverrideRecord): Promise<boolean>;
  /** Every request recorded for one pull request, granted or refused, oldest first. */
  recordsFor(repository: string, pullRequest: number): Promise<OverrideRecord[]>;
}

/**
 * Which check run chaingate created for a (repository, head SHA), so a later
 * judgement of that commit updates it without asking GitHub to search.
 */
export interface CheckRunLedger {
  /** The run's id; `null` when a creation began but its id was never recorded (a crash between); `undefined` when none began. */
  find(repository: string, headSha: string): Promise<number | null | undefined>;
  /** Notes that a creation begins (before the request that creates the run). */
  reserve(repository: string, headSha: string): Promise<void>;
  remember(repository: string, headSha: string, runId: number): Promise<void>;
}
