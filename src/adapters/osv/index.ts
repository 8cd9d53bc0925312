export { OsvApiSource, OSV_BATCH_SIZE, type OsvApiOptions } from './api-source.js';
export {
  OsvOfflineSource,
  OsvLoadReport,
  loadOsvOffline,
  DEFAULT_OSV_OFFLINE_LIMITS,
  type OsvOfflineLimits,
  type OsvOfflineOptions,
  type SkippedRecord,
} from './offline-source.js';
export { OsvIndex, type OsvIndexStats } from './offline-index.js';
export { toAdvisory, isMalware } from './normalise.js';
export { cvss3BaseScore, cvssSeverity } from './cvss.js';
export { osvEcosystemOf, purlTypeOf } from './ecosystems.js';
export { toOsvRecord, type OsvRecord } from './record.js';
export { osvAffectedPackages, type AffectedPackage } from './affected-packages.js';
