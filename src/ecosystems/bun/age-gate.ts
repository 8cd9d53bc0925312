import { readBunfig } from '../../core/config/bunfig.js';
import type { AgeGateFile } from '../types.js';

/** bun's `install.minimumReleaseAge` (seconds) in `bunfig.toml`. */
export const bunAgeGate: AgeGateFile = { fileName: 'bunfig.toml', read: async (file, content) => readBunfig(file, content) };
