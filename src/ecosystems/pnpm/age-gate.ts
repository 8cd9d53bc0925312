import { readPnpmWorkspace } from '../../core/config/pnpm-workspace.js';
import type { AgeGateFile } from '../types.js';

/** pnpm's `minimumReleaseAge` (minutes) in `pnpm-workspace.yaml`. */
export const pnpmAgeGate: AgeGateFile = { fileName: 'pnpm-workspace.yaml', read: readPnpmWorkspace };
