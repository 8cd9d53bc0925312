import { describe, expect, it } from 'vitest';
import { deprecatedSignal } from '../../../src/core/signals/deprecated.js';
import { downgradeSignal } from '../../../src/core/signals/downgrade.js';
import { appWith, changeOf, inputFor, metadataOf } from './inputs.js';

describe('deprecated signal', () => {
  it('flags a deprecated head version with the maintainer’s message', () => {
    const change = changeOf(appWith(), appWith('request@2.88.2'), 'request');
    const metadata = metadataOf('request', { '2.88.2': { deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' } });
    const [finding] = deprecatedSignal.evaluate(inputFor(change, { metadata }));
    expect(finding).toMatchObject({ signal: 'deprecated', severity: 'low', evidence: { message: 'request has been deprecated, see https://github.com/request/request/issues/3142' } });
  });

  it('stays quiet when only another version is deprecated', () => {
    const change = changeOf(appWith(), appWith('request@2.88.2'), 'request');
    expect(deprecatedSignal.evaluate(inputFor(change, { metadata: metadataOf('request', { '2.88.0': { deprecated: 'old' }, '2.88.2': {} }) }))).toEqual([]);
  });
});

describe('downgrade signal', () => {
  it('flags a version replaced by an older one as low', () => {
    const change = changeOf(appWith('debug@4.4.2'), appWith('debug@4.4.1'), 'debug');
    expect(downgradeSignal.evaluate(inputFor(change))).toMatchObject([{ severity: 'low', title: 'debug downgraded from 4.4.2 to 4.4.1', evidence: { from: '4.4.2', to: '4.4.1' } }]);
  });

  it('stays quiet for upgrades', () => {
    expect(downgradeSignal.evaluate(inputFor(changeOf(appWith('debug@4.4.1'), appWith('debug@4.4.3'), 'debug')))).toEqual([]);
  });
});
