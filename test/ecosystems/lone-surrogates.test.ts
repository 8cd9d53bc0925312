import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { npmPurl } from '../../src/core/graph/purl.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { parseLockfile } from '../../src/ecosystems/detect.js';
import { rejectedWith } from '../helpers/errors.js';

// Inputs the fuzzer found (scripts/fuzz/regressions): a JSON-escaped lone surrogate in a name or version
// used to reach encodeURIComponent and crash the parse with a URIError.
const found = [
  ['npm', 'npm/lone-surrogate-in-version.json', 'package-lock.json'],
  ['bun', 'bun/lone-surrogate-in-version.lock', 'bun.lock'],
  ['yarn berry', 'yarn-berry/lone-surrogate-in-name.lock', 'yarn.lock'],
] as const;

describe('a lone UTF-16 surrogate in a package name or version', () => {
  for (const [format, file, path] of found) {
    it(`is refused as INVALID_NAME in ${format}, naming the file`, async () => {
      const content = readFileSync(new URL(`../../scripts/fuzz/regressions/${file}`, import.meta.url), 'utf8');
      const error = await rejectedWith(ParseError, parseLockfile(content, { path, limits: DEFAULT_LIMITS }));
      expect(error.code).toBe('INVALID_NAME');
      expect(error.message).toMatch(new RegExp(`^${path.replace('.', '\\.')}: .*unpaired UTF-16 surrogate`));
    });
  }

  it('never makes the purl builder throw', () => {
    expect(npmPurl('debug', '1.0.0-\ud800')).toBe('pkg:npm/debug@1.0.0-%EF%BF%BD');
    expect(npmPurl('debug', '1.0.0-\ud83d\ude00')).toBe('pkg:npm/debug@1.0.0-%F0%9F%98%80');
  });
});
