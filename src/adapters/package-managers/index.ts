export { regenerateLockfile, type RegenerateRequest } from './regenerate.js';
export { cleanEnvironment, runSandboxed, type CommandResult, type SandboxedCommand } from './sandbox.js';
export type { PinnedRange } from './yarn-pinned-entries.js';
