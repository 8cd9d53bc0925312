import type { AgeGateFile } from '../types.js';

/** pnpm's `minimumReleaseAge` (minutes) in `pnpm-workspace.yaml`. */
export const pnpmAgeGate: AgeGateFile = {
  fileName: 'pnpm-workspace.yaml',
  // The YAML library loads only for a tree that has this file: reading lockfiles (sbom, diff) never needs it.
  read: async (file, content) => (await import('../../core/config/pnpm-workspace.js')).readPnpmWorkspace(file, content),
};
