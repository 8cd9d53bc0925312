import { describe, expect, it } from 'vitest';
import { regenerateLockfile } from '../../../src/adapters/package-managers/index.js';
import { chooseTool } from '../../../src/adapters/package-managers/choose-tool.js';
import { ParseError, UpstreamError } from '../../../src/core/errors.js';
import { rejectedWith } from '../../helpers/errors.js';

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const request = { lockfile: 'package-lock.json', format: 'npm-package-lock', env: {}, maxLockfileBytes: 1024 * 1024 } as const;

describe('regenerateLockfile (no package manager run)', () => {
  it('refuses to copy a file named outside the project directory', async () => {
    const files = new Map([['../../outside/package.json', '{}']]);
    const error = await rejectedWith(ParseError, regenerateLockfile({ ...request, manager: 'npm', files }));
    expect(error.code).toBe('MALFORMED');
  });

  // On Node 22 and later pnpm 11 can run, so there the case does not arise (chooseTool's tests cover both).
  it.runIf(NODE_MAJOR < 22)('reports a pnpm lockfile whose pnpm cannot run here instead of guessing another', async () => {
    const files = new Map([['pnpm-lock.yaml', "lockfileVersion: '9.0'\n"], ['package.json', '{ "packageManager": "pnpm@11.0.0" }']]);
    const error = await rejectedWith(UpstreamError, regenerateLockfile({ ...request, manager: 'pnpm', format: 'pnpm-lock', lockfile: 'pnpm-lock.yaml', files }));
    expect(error.message).toContain('pnpm 11.0.0 needs Node 22');
  });
});

describe('chooseTool', () => {
  it('refuses a pnpm release that needs a newer Node than the one running, and takes it where Node can run it', () => {
    expect(() => chooseTool('pnpm-lock', 'pnpm-lock.yaml', '', { packageManager: 'pnpm@11.0.0' }, 20)).toThrow(/pnpm 11\.0\.0 needs Node 22/u);
    expect(chooseTool('pnpm-lock', 'pnpm-lock.yaml', '', { packageManager: 'pnpm@11.0.0' }, 22).spec).toBe('pnpm@11.0.0');
  });

  it('takes the exact release packageManager names', () => {
    expect(chooseTool('yarn-berry', 'yarn.lock', '', { packageManager: 'yarn@4.9.1+sha512.abc' }, 20).spec).toBe('@yarnpkg/cli-dist@4.9.1');
    expect(chooseTool('pnpm-lock', 'pnpm-lock.yaml', '', { packageManager: 'pnpm@9.15.0' }, 20).spec).toBe('pnpm@9.15.0');
    expect(chooseTool('bun-lock', 'bun.lock', '', { packageManager: 'bun@1.2.3' }, 20).spec).toBe('bun@1.2.3');
  });

  it('falls back to the release the lockfile format implies', () => {
    expect(chooseTool('yarn-classic', 'yarn.lock', '', {}, 20).spec).toBe('yarn@1.22.22');
    expect(chooseTool('yarn-berry', 'yarn.lock', '__metadata:\n  version: 8\n  cacheKey: 10c0\n', {}, 20).spec).toBe('@yarnpkg/cli-dist@4');
    expect(chooseTool('yarn-berry', 'yarn.lock', '__metadata:\n  version: 6\n', {}, 20).spec).toBe('@yarnpkg/cli-dist@3');
    expect(chooseTool('pnpm-lock', 'pnpm-lock.yaml', "lockfileVersion: '9.0'\n", undefined, 20).spec).toBe('pnpm@10');
    expect(chooseTool('pnpm-lock', 'pnpm-lock.yaml', "lockfileVersion: '6.0'\n", undefined, 20).spec).toBe('pnpm@8');
  });

  it('ignores a packageManager of another manager and reports a format no runnable release writes', () => {
    expect(chooseTool('yarn-classic', 'yarn.lock', '', { packageManager: 'pnpm@9.0.0' }, 20).spec).toBe('yarn@1.22.22');
    expect(() => chooseTool('yarn-berry', 'yarn.lock', '__metadata:\n  version: 4\n', {}, 20)).toThrow(/names no yarn release/u);
    expect(() => chooseTool('pnpm-lock', 'pnpm-lock.yaml', "lockfileVersion: '5.3'\n", {}, 20)).toThrow(/names no pnpm release/u);
  });
});
