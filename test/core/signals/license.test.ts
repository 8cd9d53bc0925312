import { describe, expect, it } from 'vitest';
import { judgeLicense } from '../../../src/core/signals/license-policy.js';
import { licenseSignal } from '../../../src/core/signals/license.js';
import { parseSpdxExpression, SpdxSyntaxError } from '../../../src/core/spdx/expression.js';
import { appWith, changeOf, inputFor, registryPackage, SETTINGS } from './inputs.js';

const none = { allow: [], deny: [] };

describe('judgeLicense', () => {
  it('passes anything not denied when the allow list is empty', () => {
    expect(judgeLicense('MIT', none)).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-3.0-only', { allow: [], deny: ['AGPL-3.0'] })).toEqual({ status: 'ok' });
  });

  it('lets deny win over allow', () => {
    expect(judgeLicense('GPL-3.0', { allow: ['GPL-3.0', 'MIT'], deny: ['GPL-3.0'] })).toEqual({ status: 'denied', terms: ['GPL-3.0'] });
  });

  it('passes an OR when one choice is acceptable, and denies it only when every choice is denied', () => {
    const lists = { allow: ['MIT', 'Apache-2.0'], deny: ['GPL-3.0'] };
    expect(judgeLicense('(MIT OR GPL-3.0)', lists)).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-3.0 OR AGPL-3.0', { allow: [], deny: ['GPL-3.0', 'AGPL-3.0'] })).toEqual({ status: 'denied', terms: ['GPL-3.0', 'AGPL-3.0'] });
    expect(judgeLicense('GPL-3.0 OR BSD-3-Clause', lists)).toEqual({ status: 'not-allowed', terms: ['GPL-3.0', 'BSD-3-Clause'] });
  });

  it('needs every part of an AND, and one denied part denies it', () => {
    const lists = { allow: ['MIT', 'CC-BY-4.0'], deny: ['GPL-2.0'] };
    expect(judgeLicense('MIT AND CC-BY-4.0', lists)).toEqual({ status: 'ok' });
    expect(judgeLicense('MIT AND ISC', lists)).toEqual({ status: 'not-allowed', terms: ['ISC'] });
    expect(judgeLicense('MIT AND (GPL-2.0 OR GPL-2.0-only)', lists)).toEqual({ status: 'denied', terms: ['GPL-2.0', 'GPL-2.0-only'] });
  });

  it('binds AND tighter than OR', () => {
    // MIT OR (ISC AND GPL-3.0): MIT alone is a valid choice.
    expect(judgeLicense('MIT OR ISC AND GPL-3.0', { allow: ['MIT'], deny: ['GPL-3.0'] })).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-3.0 AND ISC OR MIT', { allow: ['MIT'], deny: [] })).toEqual({ status: 'ok' });
  });

  it('matches -or-later and + against later versions, and -only against the plain id', () => {
    expect(judgeLicense('GPL-2.0+', { allow: ['GPL-3.0'], deny: [] })).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-2.0-or-later', { allow: ['GPL-3.0-only'], deny: [] })).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-3.0', { allow: [], deny: ['GPL-2.0+'] })).toEqual({ status: 'denied', terms: ['GPL-3.0'] });
    expect(judgeLicense('LGPL-2.1', { allow: [], deny: ['LGPL-3.0+'] })).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-2.0-only', { allow: ['GPL-2.0'], deny: [] })).toEqual({ status: 'ok' });
  });

  it('treats a WITH exception as its licence for a plain entry, and exactly for a WITH entry', () => {
    expect(judgeLicense('GPL-2.0 WITH Classpath-exception-2.0', { allow: [], deny: ['GPL-2.0'] }).status).toBe('denied');
    expect(judgeLicense('GPL-2.0-only WITH Classpath-exception-2.0', { allow: ['GPL-2.0 WITH Classpath-exception-2.0'], deny: [] })).toEqual({ status: 'ok' });
    expect(judgeLicense('GPL-2.0', { allow: ['GPL-2.0 WITH Classpath-exception-2.0'], deny: [] }).status).toBe('not-allowed');
  });

  it('matches ids case-insensitively and knows LicenseRef- identifiers', () => {
    expect(judgeLicense('mit', { allow: ['MIT'], deny: [] })).toEqual({ status: 'ok' });
    expect(judgeLicense('LicenseRef-Acme-Proprietary', { allow: [], deny: ['LicenseRef-Acme-Proprietary'] }).status).toBe('denied');
    expect(judgeLicense('DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2', { allow: ['DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2'], deny: [] })).toEqual({ status: 'ok' });
  });

  it('calls missing, SEE LICENSE IN, NOASSERTION and non-SPDX text unknown', () => {
    expect(judgeLicense(undefined, none)).toEqual({ status: 'unknown', reason: 'missing' });
    expect(judgeLicense('SEE LICENSE IN LICENSE.md', none)).toEqual({ status: 'unknown', reason: 'SEE LICENSE IN LICENSE.md' });
    expect(judgeLicense('NOASSERTION', none).status).toBe('unknown');
    expect(judgeLicense('MIT/X11', none)).toMatchObject({ status: 'unknown', reason: expect.stringContaining('not an SPDX expression') });
    expect(judgeLicense('(MIT', none).status).toBe('unknown');
  });
});

describe('parseSpdxExpression', () => {
  it('reads nested expressions with lower-case operators', () => {
    expect(parseSpdxExpression('(mit or apache-2.0) and bsd-2-clause')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: { kind: 'license', id: 'mit', orLater: false }, right: { kind: 'license', id: 'apache-2.0', orLater: false } },
      right: { kind: 'license', id: 'bsd-2-clause', orLater: false },
    });
  });

  it('refuses broken, hostile and oversized expressions', () => {
    for (const bad of ['', 'MIT AND', 'AND MIT', 'MIT WITH', 'MIT )', '<script>alert(1)</script>', 'MIT OR OR ISC', 'A'.repeat(1001)]) {
      expect(() => parseSpdxExpression(bad), bad).toThrow(SpdxSyntaxError);
    }
    expect(() => parseSpdxExpression('('.repeat(40) + 'MIT' + ')'.repeat(40))).toThrow(/nested deeper/);
  });
});

describe('license signal', () => {
  const headWith = (license: string | undefined) => {
    const spec = { workspaces: { '.': { 'pkg@1.0.0': 'prod' as const } }, packages: { 'pkg@1.0.0': { ...registryPackage('pkg@1.0.0'), license } } };
    if (license === undefined) delete (spec.packages['pkg@1.0.0'] as { license?: string }).license;
    return changeOf(appWith(), spec, 'pkg');
  };
  const settings = { ...SETTINGS, licenses: { allow: ['MIT', 'Apache-2.0', 'ISC'], deny: ['AGPL-3.0'] } };

  it('flags a denied licence as high', () => {
    const [finding] = licenseSignal.evaluate(inputFor(headWith('AGPL-3.0-only'), { settings }));
    expect(finding).toMatchObject({ severity: 'high', title: 'pkg@1.0.0 is licensed under denied AGPL-3.0-only', evidence: { unknown: false, license: 'AGPL-3.0-only', denied: ['AGPL-3.0-only'] } });
  });

  it('flags a licence outside the allow list as moderate', () => {
    expect(licenseSignal.evaluate(inputFor(headWith('BSD-3-Clause'), { settings }))[0]).toMatchObject({ severity: 'moderate', evidence: { notAllowed: ['BSD-3-Clause'] } });
  });

  it('makes a missing licence a low finding with unknown=true, for the policy to decide', () => {
    expect(licenseSignal.evaluate(inputFor(headWith(undefined), { settings }))[0]).toMatchObject({ severity: 'low', evidence: { unknown: true, reason: 'missing' } });
  });

  it('passes an allowed licence', () => {
    expect(licenseSignal.evaluate(inputFor(headWith('(MIT OR AGPL-3.0)'), { settings }))).toEqual([]);
  });
});
