import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SignalSettings } from '../../../src/core/findings.js';
import { editDistance } from '../../../src/core/signals/edit-distance.js';
import { PopularIndex, skeleton } from '../../../src/core/signals/popular-index.js';
import { parsePopularNames } from '../../../src/core/signals/popular-names.js';
import { typosquatSignal } from '../../../src/core/signals/typosquat.js';
import { appWith, changeOf, inputFor, SETTINGS } from './inputs.js';

const POPULAR = parsePopularNames('data/popular-npm.json', readFileSync(new URL('../../../data/popular-npm.json', import.meta.url), 'utf8'));
const settings: SignalSettings = { ...SETTINGS, popularPackages: POPULAR };

function judge(name: string, version = '1.0.0') {
  const change = changeOf(appWith(), appWith(`${name}@${version}`), name);
  return typosquatSignal.evaluate(inputFor(change, { settings }));
}

describe('typosquat signal (against the shipped popular npm names)', () => {
  it('ships a few thousand unique, valid names with the famous ones in it', () => {
    const names = POPULAR.get('npm')!;
    expect(names.length).toBeGreaterThan(4000);
    expect(new Set(names).size).toBe(names.length);
    for (const famous of ['lodash', 'cross-env', 'debug', 'chalk', 'react', 'express', '@typescript-eslint/parser']) expect(names).toContain(famous);
    expect(names).not.toContain('crossenv');
    expect(names).not.toContain('lodahs');
  });

  it('flags crossenv (2017) as a look-alike of cross-env', () => {
    const [finding, ...rest] = judge('crossenv', '6.1.1');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'high', title: 'crossenv@6.1.1 looks like the popular package cross-env' });
    expect(finding!.evidence).toMatchObject({ imitates: 'cross-env', distance: 0, kind: 'confusable' });
  });

  it('flags lodahs, two letters swapped from lodash, at distance 1', () => {
    const [finding] = judge('lodahs');
    expect(finding!.evidence).toMatchObject({ imitates: 'lodash', distance: 1, kind: 'edit-distance' });
    expect(finding!.severity).toBe('high');
  });

  it('flags a scope with a swapped separator, @typescript_eslint/parser', () => {
    expect(judge('@typescript_eslint/parser')[0]!.evidence).toMatchObject({ imitates: '@typescript-eslint/parser', kind: 'confusable' });
  });

  it('reads rn as m, 1 as l and 0 as o', () => {
    expect(judge('rnoment')[0]!.evidence).toMatchObject({ imitates: 'moment', kind: 'confusable' });
    expect(judge('1odash')[0]!.evidence).toMatchObject({ imitates: 'lodash', kind: 'confusable' });
    expect(judge('m0ment')[0]!.evidence).toMatchObject({ imitates: 'moment', kind: 'confusable' });
  });

  it('allows two edits for long names (moderate) but only one for shorter ones', () => {
    expect(judge('cross-spawnn')[0]!.evidence).toMatchObject({ imitates: 'cross-spawn', distance: 1 });
    expect(judge('typescrpt-eslnt')[0]).toMatchObject({ severity: 'moderate', evidence: { distance: 2 } });
    expect(judge('exprs')).toEqual([]); // two edits from express, too short for two
  });

  it('never flags a popular package, nor a short or distant name', () => {
    expect(judge('lodash')).toEqual([]);
    expect(judge('cross-env')).toEqual([]);
    expect(judge('ws')).toEqual([]);
    expect(judge('zq')).toEqual([]); // one edit from popular two-letter names: too short to tell
    expect(judge('chaingate')).toEqual([]);
  });

  it('judges only added packages, and only against its own ecosystem', () => {
    const upgrade = changeOf(appWith('lodahs@1.0.0'), appWith('lodahs@1.0.1'), 'lodahs');
    expect(typosquatSignal.evaluate(inputFor(upgrade, { settings }))).toEqual([]);
    const added = changeOf(appWith(), appWith('lodahs@1.0.0'), 'lodahs');
    expect(typosquatSignal.evaluate(inputFor(added, { settings: { ...SETTINGS, popularPackages: new Map([['pypi', ['lodash']]]) } }))).toEqual([]);
  });
});

describe('popular index', () => {
  it('finds the same closest names as comparing against every name', () => {
    const names = POPULAR.get('npm')!;
    const index = new PopularIndex(names);
    const probes = ['lodahs', 'expresss', 'reakt', 'chalk-x', 'webpak', 'typscript', 'eslint-plugin-reakt', 'babel-cor', '@babel/cor', 'left-pad', 'mongose'];
    for (const probe of probes) {
      const found = index.resemble(probe);
      const max = probe.length >= 10 ? 2 : 1;
      const brute = names
        .map((name, i) => ({ name, i, d: skeleton(name) === skeleton(probe) ? 0 : probe.length >= 5 && name.length >= 5 ? editDistance(probe, name, max) : max + 1 }))
        .filter((c) => c.d <= max)
        .sort((a, b) => a.d - b.d || a.i - b.i)[0];
      expect(found?.name, probe).toBe(brute?.name);
    }
  });
});

describe('edit distance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('lodash', 'lodahs', 2)).toBe(1);
    expect(editDistance('lodash', 'lodas', 2)).toBe(1);
    expect(editDistance('lodash', 'lodasha', 2)).toBe(1);
    expect(editDistance('lodash', 'lodesh', 2)).toBe(1);
    expect(editDistance('express', 'exrpses', 3)).toBe(2);
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
  });

  it('stops at the bound', () => {
    expect(editDistance('react', 'angular', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
