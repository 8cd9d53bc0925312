export { NpmProvenanceSource, attestationsUrl, type NpmProvenanceOptions } from './provenance-source.js';
export { loadTrustMaterial, trustMaterialFromJson, DEFAULT_TRUSTED_ROOT_PATH } from './trusted-root.js';
export { invalidReasonCode, type InvalidProvenanceCode } from './invalid.js';
export { normaliseRepositoryUrl, sameRepository } from './repository-url.js';
export { sha512Hex, SLSA_PROVENANCE_V1, SLSA_PROVENANCE_V02, NPM_PUBLISH_V01 } from './statement.js';
export type { NpmAttestation } from './attestations-response.js';
export { verifyReleaseProvenance, signerWorkflow, type ReleaseAssetExpectation, type ReleaseProvenanceVerdict } from './release-provenance.js';
