export { applyManifestEdits } from './apply-edits.js';
export { chooseRevert, choosePatch, type Requirement } from './choose-version.js';
export { bunDeclaredRanges, type DeclaredRanges, pnpmDeclaredRanges, yarnDeclaredRanges } from './lockfile-declared-ranges.js';
export { npmDeclaredRanges } from './npm-declared-ranges.js';
export { managerOf, planRemediation } from './plan.js';
export { renderPlanText } from './render-text.js';
export type { AffectedPackage, Manifest, ManifestEdit, PackageManager, PlanInput, RemediationPlan, VersionRemedy } from './types.js';
export { verifyRegenerated, type PlannedPackage, type Verification } from './verify.js';
