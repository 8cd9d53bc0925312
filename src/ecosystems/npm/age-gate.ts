import { readNpmrc } from '../../core/config/npmrc.js';
import type { AgeGateFile } from '../types.js';

/** npm's `min-release-age` (days) in `.npmrc`. */
export const npmAgeGate: AgeGateFile = { fileName: '.npmrc', read: async (file, content) => readNpmrc(file, content) };
