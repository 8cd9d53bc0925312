/** What {@link buildBom} needs besides the graphs. */
export interface BomOptions {
  /** The project the SBOM describes (usually the repository): becomes `metadata.component`. */
  readonly root: { readonly name: string; readonly version?: string | undefined };
  /** chaingate's own version, recorded in `metadata.tools`. */
  readonly toolVersion: string;
  /**
   * Reproducible output (like cyclonedx-npm's `--output-reproducible`): no
   * timestamp and no serial number, so the same graphs give the same bytes.
   */
  readonly deterministic: boolean;
  /** `metadata.timestamp` when not deterministic; the shell owns the clock. */
  readonly timestamp?: Date | undefined;
  /** `serialNumber` (`urn:uuid:…`) when not deterministic; the shell owns the randomness. */
  readonly serialNumber?: string | undefined;
}
