import type { LockfileParser } from '../types.js';

/**
 * SPDX 2.x JSON documents, such as GitHub's dependency-graph SBOM export.
 * `fileNames` holds exact base names; other `*.spdx.json` files are recognised through `detect`.
 */
export const spdxParser: LockfileParser = {
  format: 'spdx-json',
  fileNames: ['sbom.spdx.json', 'bom.spdx.json'],
  detect: (content) => /"spdxVersion"\s*:\s*"SPDX-/.test(content.slice(0, 4096)),
  // Loaded on first use: a run reads one or two formats, not all of them.
  parse: async (content, options) => (await import('./parse.js')).parseSpdx(content, options),
};
