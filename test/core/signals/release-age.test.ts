import { describe, expect, it } from 'vitest';
import { effectiveCooldown, releaseAgeSignal } from '../../../src/core/signals/release-age.js';
import { appWith, changeOf, inputFor, metadataOf, NOW, SETTINGS } from './inputs.js';

// chalk 5.6.1 was published on 2025-09-08 at 13:13 UTC and pulled about two hours later; NOW is 18:00 that day.
const chalk = metadataOf('chalk', { '5.6.0': { publishedAt: '2025-08-21T00:00:00Z' }, '5.6.1': { publishedAt: '2025-09-08T13:13:00Z' } });
const change = changeOf(appWith('chalk@5.6.0'), appWith('chalk@5.6.1'), 'chalk');

describe('release-age signal', () => {
  it('flags a version younger than the policy cooldown, with its publish time and age', () => {
    const settings = { ...SETTINGS, minReleaseAgeHours: 24 };
    const [finding, ...rest] = releaseAgeSignal.evaluate(inputFor(change, { metadata: chalk, settings }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'moderate', title: 'chalk@5.6.1 was published 4.7h ago, within the 24h cooldown' });
    expect(finding!.evidence).toEqual({
      publishedAt: '2025-09-08T13:13:00.000Z',
      ageHours: 4.7,
      cooldownHours: 24,
      effectiveSetting: 'policy',
      settings: ['policy=24h'],
      conflict: false,
    });
  });

  it('applies the strictest package-manager gate and reports the conflict with the policy', () => {
    const settings = { ...SETTINGS, minReleaseAgeHours: 2, packageManagerAgeGates: [{ file: '.npmrc', hours: 72 }, { file: 'pnpm-workspace.yaml', hours: 24 }] };
    const [finding] = releaseAgeSignal.evaluate(inputFor(change, { metadata: chalk, settings }));
    expect(finding!.evidence).toMatchObject({ cooldownHours: 72, effectiveSetting: '.npmrc', settings: ['policy=2h', '.npmrc=72h', 'pnpm-workspace.yaml=24h'], conflict: true });
  });

  it('passes a version older than the cooldown, and everything when the cooldown is off', () => {
    expect(releaseAgeSignal.evaluate(inputFor(change, { metadata: chalk, settings: { ...SETTINGS, minReleaseAgeHours: 4 } }))).toEqual([]);
    expect(releaseAgeSignal.evaluate(inputFor(change, { metadata: chalk }))).toEqual([]);
  });

  it('counts a publish time in the future (clock skew) as brand new', () => {
    const future = metadataOf('chalk', { '5.6.1': { publishedAt: new Date(NOW.getTime() + 3_600_000).toISOString() } });
    const [finding] = releaseAgeSignal.evaluate(inputFor(change, { metadata: future, settings: { ...SETTINGS, minReleaseAgeHours: 1 } }));
    expect(finding!.evidence.ageHours).toBe(0);
  });

  it('says nothing when the publish time is unknown', () => {
    const settings = { ...SETTINGS, minReleaseAgeHours: 24 };
    expect(releaseAgeSignal.evaluate(inputFor(change, { settings }))).toEqual([]);
    expect(releaseAgeSignal.evaluate(inputFor(change, { settings, metadata: metadataOf('chalk', { '5.6.1': {} }) }))).toEqual([]);
  });
});

describe('effectiveCooldown', () => {
  it('keeps the policy when it is the strictest, and sees no conflict when all agree', () => {
    expect(effectiveCooldown({ ...SETTINGS, minReleaseAgeHours: 48, packageManagerAgeGates: [{ file: 'bunfig.toml', hours: 48 }] })).toEqual({
      hours: 48,
      from: 'policy',
      settings: ['policy=48h', 'bunfig.toml=48h'],
      conflict: false,
    });
  });
});
