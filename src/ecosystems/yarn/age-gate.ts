import type { AgeGateFile } from '../types.js';

/** yarn berry's `npmMinimalAgeGate` in `.yarnrc.yml`. */
export const yarnAgeGate: AgeGateFile = {
  fileName: '.yarnrc.yml',
  // The YAML library loads only for a tree that has this file: reading lockfiles (sbom, diff) never needs it.
  read: async (file, content) => (await import('../../core/config/yarnrc.js')).readYarnrc(file, content),
};
