/** Bounds applied to every untrusted input. Shells may raise or lower them (`--max-file-size`). */
export interface Limits {
  /** Largest lockfile or SBOM accepted, in bytes. */
  readonly maxBytes: number;
  /** Most package entries one file may hold. */
  readonly maxPackages: number;
  /** Deepest nesting walked (npm v1 `dependencies`, SBOM component trees). */
  readonly maxDepth: number;
  /** Most edges one file may hold. */
  readonly maxEdges: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 64 * 1024 * 1024,
  maxPackages: 200_000,
  maxDepth: 256,
  maxEdges: 2_000_000,
};
