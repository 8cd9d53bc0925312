import { describe, expect, it } from 'vitest';
import { aliasPinnedEntries } from '../../../src/adapters/package-managers/yarn-pinned-entries.js';

const pins = [{ name: 'minimist', pin: '1.2.6', range: '^1.2.6' }];

describe('aliasPinnedEntries', () => {
  it('gives a yarn 1 entry locked at the pin the range as a second key', () => {
    const text = 'minimist@1.2.6:\n  version "1.2.6"\n\nminimist-x@1.2.6:\n  version "1.2.6"\n';
    expect(aliasPinnedEntries(text, pins, false)).toBe('minimist@1.2.6, "minimist@^1.2.6":\n  version "1.2.6"\n\nminimist-x@1.2.6:\n  version "1.2.6"\n');
  });

  it('does the same for a yarn 2+ entry, inside a key list, once', () => {
    const text = '"minimist@npm:1.2.6, minimist@npm:~1.2.6":\n  version: 1.2.6\n';
    const once = aliasPinnedEntries(text, pins, true);
    expect(once).toBe('"minimist@npm:1.2.6, minimist@npm:~1.2.6, minimist@npm:^1.2.6":\n  version: 1.2.6\n');
    expect(aliasPinnedEntries(once, pins, true)).toBe(once);
  });

  it('leaves a lockfile without the pinned entry as it was', () => {
    const text = 'minimist@^1.2.5:\n  version "1.2.8"\n';
    expect(aliasPinnedEntries(text, pins, false)).toBe(text);
  });
});
