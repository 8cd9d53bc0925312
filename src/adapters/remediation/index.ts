export { declaredRangesOf } from './declared-ranges.js';
export { type LockfileRegeneration, remediateLockfile, type RemediateOptions, type RemediationOutcome } from './remediate-lockfile.js';
