export { regenerateLockfile, type RegenerateRequest } from './regenerate.js';
export { cleanEnvironment, runSandboxed, type CommandResult, type SandboxedCommand } from './sandbox.js';
