import { describe, expect, it } from 'vitest';
import { regenerateLockfile } from '../../../src/adapters/package-managers/index.js';
import { ParseError, UpstreamError } from '../../../src/core/errors.js';
import { rejectedWith } from '../../helpers/errors.js';

const request = { lockfile: 'package-lock.json', env: {}, maxLockfileBytes: 1024 * 1024 };

describe('regenerateLockfile (no package manager run)', () => {
  it('reports a package manager it cannot run yet instead of guessing', async () => {
    const error = await rejectedWith(UpstreamError, regenerateLockfile({ ...request, manager: 'pnpm', lockfile: 'pnpm-lock.yaml', files: new Map() }));
    expect(error.message).toContain('only npm lockfiles can be fixed');
  });

  it('refuses to copy a file named outside the project directory', async () => {
    const files = new Map([['../../outside/package.json', '{}']]);
    const error = await rejectedWith(ParseError, regenerateLockfile({ ...request, manager: 'npm', files }));
    expect(error.code).toBe('MALFORMED');
  });
});
