import { describe, expect, it } from 'vitest';
import { cleanEnvironment, runSandboxed } from '../../../src/adapters/package-managers/index.js';
import { UpstreamError } from '../../../src/core/errors.js';
import { rejectedWith } from '../../helpers/errors.js';

const node = process.execPath;
const base = { cwd: process.cwd(), timeoutMs: 10_000, maxOutputBytes: 64 * 1024 };

describe('cleanEnvironment', () => {
  it('passes only allow-listed variables, so no token reaches the package manager', () => {
    const env = cleanEnvironment(
      { PATH: '/bin', GITHUB_TOKEN: 'ghs_x', NPM_TOKEN: 'npm_x', NODE_AUTH_TOKEN: 'y', npm_config__authToken: 'z', HTTPS_PROXY: 'http://proxy:8080' },
      { HOME: '/tmp/h' },
    );
    expect(env).toEqual({ PATH: '/bin', HTTPS_PROXY: 'http://proxy:8080', HOME: '/tmp/h' });
  });
});

describe('runSandboxed', () => {
  it('runs with exactly the environment given and returns its exit code and output', async () => {
    const env = cleanEnvironment({ PATH: process.env['PATH'], GITHUB_TOKEN: 'ghs_secret' }, { HOME: '/nonexistent' });
    const result = await runSandboxed({ ...base, command: node, args: ['-e', 'console.log(Object.keys(process.env).sort().join(",")); process.exit(3)'], env });
    expect(result.exitCode).toBe(3);
    expect(result.output.trim().split(',')).not.toContain('GITHUB_TOKEN');
    expect(result.output).toContain('HOME');
  });

  it('stops a command at the time limit', async () => {
    const error = await rejectedWith(UpstreamError, runSandboxed({ ...base, timeoutMs: 300, command: node, args: ['-e', 'setTimeout(() => {}, 20000)'], env: {} }));
    expect(error.code).toBe('TIMEOUT');
  });

  it('stops a command that writes more than the output limit', async () => {
    const error = await rejectedWith(UpstreamError, runSandboxed({ ...base, maxOutputBytes: 1000, command: node, args: ['-e', 'setInterval(() => process.stdout.write("x".repeat(500)), 1)'], env: {} }));
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('reports a package manager that cannot be started', async () => {
    const error = await rejectedWith(UpstreamError, runSandboxed({ ...base, command: 'chaingate-no-such-tool', args: [], env: {} }));
    expect(error.code).toBe('UNREACHABLE');
  });
});
