export { NpmBulkAdvisorySource, NPM_BULK_BATCH_SIZE, type NpmBulkAdvisoryOptions } from './advisories.js';
export { NpmRegistrySource, type NpmRegistryOptions } from './packuments.js';
export { toPackageMetadata } from './packument.js';
export { NPM_REGISTRY, packumentUrl, registryBase } from './registry-url.js';
