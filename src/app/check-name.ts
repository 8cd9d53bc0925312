/** The check run branch protection requires. */
export const CHECK_NAME = 'chaingate';
/** The check run on a release's tag commit: its SBOM, provenance and dependency diff against the previous release. */
export const RELEASE_CHECK_NAME = 'chaingate/release';
