import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../../src/core/limits.js';
import type { RepoFiles } from '../../../src/core/ports.js';
import { joinWithin, siblingOpener } from '../../../src/ecosystems/shared/sibling.js';
import { decodeText } from '../../../src/core/read-text.js';

describe('joinWithin', () => {
  it('joins relative to the lockfile directory', () => {
    expect(joinWithin('apps/web', 'package.json')).toBe('apps/web/package.json');
    expect(joinWithin('', './packages/a/package.json')).toBe('packages/a/package.json');
    expect(joinWithin('apps/web', '../api/package.json')).toBe('apps/api/package.json');
  });

  it('refuses a path that climbs out of the tree', () => {
    expect(joinWithin('', '../etc/passwd')).toBeUndefined();
    expect(joinWithin('a', '../../x')).toBeUndefined();
  });
});

describe('siblingOpener', () => {
  const files: RepoFiles = {
    label: 'test',
    listFiles: async () => ['apps/web/package.json'],
    readFile: async (path) => (path === 'apps/web/package.json' ? new TextEncoder().encode('{"name":"web"}') : undefined),
  };

  it('opens a sibling and reports a missing one as undefined', async () => {
    const open = siblingOpener(files, 'apps/web/package-lock.json', DEFAULT_LIMITS);
    expect(await open('package.json')).toBe('{"name":"web"}');
    expect(await open('missing.json')).toBeUndefined();
  });
});

describe('decodeText', () => {
  it('refuses invalid UTF-8 with INVALID_ENCODING', () => {
    expect(() => decodeText(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'yarn.lock', DEFAULT_LIMITS.maxBytes)).toThrow(
      expect.objectContaining({ code: 'INVALID_ENCODING', file: 'yarn.lock' }),
    );
  });

  it('refuses a file over the size limit with TOO_LARGE', () => {
    const error = (() => {
      try {
        decodeText(new Uint8Array(2048), 'package-lock.json', 1024);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ code: 'TOO_LARGE' });
    expect(String(error)).toContain('package-lock.json');
  });
});

describe('assertTextSize', () => {
  it('counts UTF-8 bytes, not characters, near the limit', async () => {
    const { assertTextSize } = await import('../../../src/ecosystems/shared/text.js');
    const limits = { ...DEFAULT_LIMITS, maxBytes: 10 };
    expect(() => assertTextSize('ééééé', 'yarn.lock', limits)).not.toThrow(); // 10 bytes
    expect(() => assertTextSize('éééééé', 'yarn.lock', limits)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' })); // 12 bytes
  });
});
