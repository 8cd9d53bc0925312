import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { resolvePolicy, type PolicySource } from '../../../src/core/policy/index.js';
import { thrownBy } from '../../helpers/errors.js';

const org = (content: string): PolicySource => ({ file: 'acme/.github:chaingate.yml', content: `version: 1\n${content}` });
const repo = (content: string): PolicySource => ({ file: '.github/chaingate.yml', content: `version: 1\n${content}` });

const errorOf = (run: () => unknown): ConfigError => thrownBy(ConfigError, run);

describe('resolvePolicy', () => {
  it('is the built-in default when no layer is given', () => {
    const policy = resolvePolicy([]);
    expect(policy.files).toEqual(['policies/default.yml']);
    expect(policy.rules.map((r) => r.id)).toContain('malware');
    expect(policy.settings.minReleaseAgeHours).toBe(0);
    expect(policy.unavailable).toEqual({ advisories: 'block', malware: 'block', metadata: 'warn', provenance: 'warn' });
  });

  it('stacks default < org < repo', () => {
    const policy = resolvePolicy([org(''), repo('')]);
    expect(policy.files).toEqual(['policies/default.yml', 'acme/.github:chaingate.yml', '.github/chaingate.yml']);
  });

  it('puts a layer\'s extends just below it: default < org < strict < repo', () => {
    const policy = resolvePolicy([org(''), repo('extends: chaingate:strict\n')]);
    expect(policy.files).toEqual(['policies/default.yml', 'acme/.github:chaingate.yml', 'policies/strict.yml', '.github/chaingate.yml']);
    expect(policy.settings.minReleaseAgeHours).toBe(72);
  });

  it('lets the more specific layer win each setting and keeps the rest (deep merge)', () => {
    const policy = resolvePolicy([
      org('settings:\n  min-release-age-hours: 24\n  licenses:\n    deny: [GPL-3.0-only]\n    allow: [MIT]\n'),
      repo('settings:\n  licenses:\n    allow: [MIT, ISC]\n'),
    ]);
    expect(policy.settings.minReleaseAgeHours).toBe(24);
    // A list replaces the list below it; a sibling key below survives.
    expect(policy.settings.licenses).toEqual({ allow: ['MIT', 'ISC'], deny: ['GPL-3.0-only'] });
    expect(policy.settings.allowedRegistries).toEqual(['registry.npmjs.org', 'registry.yarnpkg.com']);
  });

  it('labels remediation pull requests security and chaingate unless a layer names its own labels', () => {
    expect(resolvePolicy([]).remediation.labels).toEqual(['security', 'chaingate']);
    expect(resolvePolicy([org('remediation:\n  labels: [deps, security]\n'), repo('')]).remediation.labels).toEqual(['deps', 'security']);
  });

  it('tries the more specific layer\'s rules first', () => {
    const policy = resolvePolicy([
      org('rules:\n  - { id: org-rule, signal: license, outcome: block }\n'),
      repo('rules:\n  - { id: repo-rule, signal: license, outcome: allow }\n'),
    ]);
    const ids = policy.rules.map((r) => r.id);
    expect(ids.indexOf('repo-rule')).toBe(0);
    expect(ids.indexOf('org-rule')).toBe(1);
    expect(ids.indexOf('malware')).toBeGreaterThan(1);
    expect(policy.rules[0]?.file).toBe('.github/chaingate.yml');
  });

  it('replaces a base rule that has the same id, in the new position', () => {
    const policy = resolvePolicy([repo('rules:\n  - { id: typosquat-direct, signal: typosquat, when: { direct: true }, outcome: warn }\n')]);
    const matching = policy.rules.filter((r) => r.id === 'typosquat-direct');
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({ outcome: 'warn', file: '.github/chaingate.yml' });
    expect(policy.rules[0]?.id).toBe('typosquat-direct');
  });

  it('merges defaults and unavailable key by key', () => {
    const policy = resolvePolicy([org('defaults:\n  deprecated: allow\n'), repo('unavailable:\n  metadata: block\n')]);
    expect(policy.defaults.deprecated).toBe('allow');
    expect(policy.defaults.malware).toBe('block');
    expect(policy.unavailable).toEqual({ advisories: 'block', malware: 'block', metadata: 'block', provenance: 'warn' });
  });

  it('replaces the tiers as a whole when a layer sets them', () => {
    const policy = resolvePolicy([repo('tiers:\n  - tier: 2\n    signal: "*"\n')]);
    expect(policy.tiers).toEqual([{ tier: 2, signals: '*', when: expect.any(Object) }]);
  });

  it('concatenates exceptions of all layers', () => {
    const exception = (id: string) => `  - { id: ${id}, package: lodash, signal: vulnerability, reason: r, owner: o, expires: 2030-01-01 }\n`;
    const policy = resolvePolicy([org(`exceptions:\n${exception('org-one')}`), repo(`exceptions:\n${exception('repo-one')}`)]);
    expect(policy.exceptions.map((e) => [e.id, e.file])).toEqual([
      ['org-one', 'acme/.github:chaingate.yml'],
      ['repo-one', '.github/chaingate.yml'],
    ]);
  });

  it('rejects an exception id that a base layer already uses, at the later one', () => {
    const exception = `exceptions:\n  - { id: same, package: lodash, signal: vulnerability, reason: r, owner: o, expires: 2030-01-01 }\n`;
    const error = errorOf(() => resolvePolicy([org(exception), repo(exception)]));
    expect(error.code).toBe('INVALID_VALUE');
    expect(error.message).toBe('.github/chaingate.yml:3:11: exception id "same" is already used by a base policy');
  });

  it('fills in the schema defaults for what no layer sets', () => {
    // An org layer that replaces the tiers with an empty list and a repo that sets nothing.
    const policy = resolvePolicy([org('tiers: []\n')]);
    expect(policy.tiers).toEqual([]);
    expect(policy.exceptions).toEqual([]);
  });

  describe('extends a path', () => {
    const team: PolicySource = { file: '.github/policies/team.yml', content: 'version: 1\nsettings:\n  min-release-age-hours: 12\n' };

    it('resolves it relative to the extending file and stacks it below', () => {
      const policy = resolvePolicy([org('settings:\n  min-release-age-hours: 1\n'), repo('extends: ./policies/team.yml\n')], [team]);
      expect(policy.files).toEqual(['policies/default.yml', 'acme/.github:chaingate.yml', '.github/policies/team.yml', '.github/chaingate.yml']);
      expect(policy.settings.minReleaseAgeHours).toBe(12);
    });

    it('resolves a path starting with / from the repository root', () => {
      expect(resolvePolicy([repo('extends: /.github/policies/team.yml\n')], [team]).settings.minReleaseAgeHours).toBe(12);
    });

    it('reports an extends that names a file not supplied, at the extends value', () => {
      const error = errorOf(() => resolvePolicy([repo('extends: ../shared/chaingate.yml\n')]));
      expect(error.code).toBe('NOT_FOUND');
      expect(error.message).toMatch(/^\.github\/chaingate\.yml:2:10: extends "\.\.\/shared\/chaingate\.yml": no such policy \(looked for shared\/chaingate\.yml/);
    });

    it('reports a cycle', () => {
      const a: PolicySource = { file: 'a.yml', content: 'version: 1\nextends: b.yml\n' };
      const b: PolicySource = { file: 'b.yml', content: 'version: 1\nextends: a.yml\n' };
      const error = errorOf(() => resolvePolicy([{ file: 'c.yml', content: 'version: 1\nextends: a.yml\n' }], [a, b]));
      expect(error.code).toBe('INVALID_VALUE');
      expect(error.message).toMatch(/^b\.yml:2:10: extends forms a cycle: c\.yml → a\.yml → b\.yml → a\.yml/);
    });

    it('reports errors inside a base with the base\'s own file name', () => {
      const broken: PolicySource = { file: '.github/policies/team.yml', content: 'version: 1\nsetings: {}\n' };
      const error = errorOf(() => resolvePolicy([repo('extends: policies/team.yml\n')], [broken]));
      expect(error.message).toBe('.github/policies/team.yml:2:1: unknown key "setings"');
    });
  });

  it('rejects a bad layer with its own file, line and column', () => {
    const error = errorOf(() => resolvePolicy([org(''), repo('rules:\n  - { id: a, signal: malware, outcome: deny }\n')]));
    expect(error.message).toMatch(/^\.github\/chaingate\.yml:3:40: rules\[0\]\.outcome/);
  });
});
