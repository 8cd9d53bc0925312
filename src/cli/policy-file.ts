import { operatorFiles } from '../adapters/fs/operator-files.js';
import type { PolicyFile } from '../core/policy/index.js';

/** A policy file on the operator's disk: its `extends` resolve next to it, never against the working directory. */
export function policyFileOnDisk(absolutePath: string): PolicyFile {
  return { files: operatorFiles(), path: absolutePath, place: 'disk', required: true };
}
