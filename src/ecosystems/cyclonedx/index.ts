import type { LockfileParser } from '../types.js';

/**
 * CycloneDX JSON BOMs (spec 1.4–1.6). `fileNames` holds exact base names; other
 * `*.cdx.json` files are recognised through `detect`.
 */
export const cyclonedxParser: LockfileParser = {
  format: 'cyclonedx-json',
  fileNames: ['bom.json', 'sbom.cdx.json', 'bom.cdx.json'],
  detect: (content) => /"bomFormat"\s*:\s*"CycloneDX"/.test(content.slice(0, 4096)),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./parse.js')).parseCycloneDx(content, options),
};
