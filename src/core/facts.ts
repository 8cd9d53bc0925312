/**
 * Facts about packages that outside sources supply (advisories, registry
 * metadata, provenance). Adapters turn each service's responses into these
 * types; signals read only these types.
 */

export type Severity = 'critical' | 'high' | 'moderate' | 'low' | 'unknown';

/** A package at a version, as the fact sources are asked about it. */
export interface PackageRef {
  /** Package URL type / OSV ecosystem key in lower case: `npm`, `pypi`, `maven`… */
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
}

/** One advisory that affects a package version, normalised from OSV, GitHub or npm. */
export interface Advisory {
  /** The source's own id: `GHSA-…`, `MAL-2025-…`, `OSV-…`, npm's numeric id as a string. */
  readonly id: string;
  /** Other ids of the same advisory (CVE, GHSA), so sources can be merged. */
  readonly aliases: readonly string[];
  readonly source: 'osv' | 'github' | 'npm';
  /** Untrusted text: renderers escape it. */
  readonly summary: string;
  readonly severity: Severity;
  /** CVSS base score (0–10) where the source gives one. */
  readonly cvssScore?: number | undefined;
  readonly cvssVector?: string | undefined;
  /** Malicious package (OSV `MAL-…`, GitHub `type=malware`), not a vulnerability. */
  readonly malware: boolean;
  /** Versions that fix it on this package's line, lowest first, where known. */
  readonly fixedVersions: readonly string[];
  readonly url?: string | undefined;
  readonly published?: string | undefined;
  readonly withdrawn?: string | undefined;
  /** The open incident (`INC-<n>`) this advisory came from, when the store's incidents supplied it: the action matrix may block on it. */
  readonly incident?: string | undefined;
}

/** The trust ladder of a published version, highest first. */
export type TrustLevel = 'trusted-publisher' | 'provenance' | 'registry-signature' | 'none';

/** What a registry says about one published version. */
export interface VersionMetadata {
  readonly version: string;
  readonly publishedAt?: Date | undefined;
  /** The deprecation message, where the version is deprecated. */
  readonly deprecated?: string | undefined;
  /** Lifecycle scripts that run at install: `preinstall`, `install`, `postinstall`. */
  readonly installScripts: readonly string[];
  readonly trust: TrustLevel;
  /** Source repository and workflow named by the provenance, where there is one. */
  readonly provenanceIdentity?: { readonly repository?: string; readonly workflow?: string } | undefined;
  /** `dist.integrity` as the registry publishes it. */
  readonly integrity?: string | undefined;
  /** The account that published this version (`_npmUser.name`), where the registry says. */
  readonly publishedBy?: string | undefined;
  /** Its `dependencies` (name → range), where the registry says: a remediation plan reads a parent's. */
  readonly dependencies?: Readonly<Record<string, string>> | undefined;
}

/** What a registry says about one package across its versions. */
export interface PackageMetadata {
  readonly ecosystem: string;
  readonly name: string;
  readonly versions: ReadonlyMap<string, VersionMetadata>;
  /** Repository URL from the package's metadata. */
  readonly repository?: string | undefined;
  /** Names of the accounts that may publish it, as the registry lists them (sorted). */
  readonly maintainers: readonly string[];
}

/** Outcome of verifying a version's provenance (Sigstore bundle → SLSA predicate). */
export type ProvenanceVerdict =
  | { readonly status: 'verified'; readonly repository: string; readonly workflow?: string | undefined; readonly trust: TrustLevel }
  | { readonly status: 'absent' }
  | { readonly status: 'invalid'; readonly reason: string };

/** A fact source that could not answer; the verdict lists these and the policy decides what they mean. */
export interface UnavailableFacts {
  readonly source: string;
  readonly kind: 'advisories' | 'malware' | 'metadata' | 'provenance';
  readonly reason: string;
}
