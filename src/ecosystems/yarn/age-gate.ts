import { readYarnrc } from '../../core/config/yarnrc.js';
import type { AgeGateFile } from '../types.js';

/** yarn berry's `npmMinimalAgeGate` in `.yarnrc.yml`. */
export const yarnAgeGate: AgeGateFile = { fileName: '.yarnrc.yml', read: readYarnrc };
