import { describe, expect, it } from 'vitest';
import { yarnBerryParser, yarnClassicParser } from '../../../src/ecosystems/yarn/index.js';
import { readFixture } from '../../helpers/fixtures.js';

describe('yarn lockfile detection', () => {
  it('both parsers claim yarn.lock', () => {
    expect(yarnClassicParser.fileNames).toEqual(['yarn.lock']);
    expect(yarnBerryParser.fileNames).toEqual(['yarn.lock']);
  });

  it('tells a v1 lockfile from a berry one', async () => {
    const classic = await readFixture('yarn/classic/app/yarn.lock');
    const berry = await readFixture('yarn/berry4/app/yarn.lock');
    expect(yarnClassicParser.detect(classic, 'yarn.lock')).toBe(true);
    expect(yarnBerryParser.detect(classic, 'yarn.lock')).toBe(false);
    expect(yarnBerryParser.detect(berry, 'yarn.lock')).toBe(true);
    expect(yarnClassicParser.detect(berry, 'yarn.lock')).toBe(false);
  });
});
