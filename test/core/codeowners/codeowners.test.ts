import { describe, expect, it } from 'vitest';
import { parseCodeowners } from '../../../src/core/codeowners/codeowners.js';

describe('parseCodeowners', () => {
  it('gives each path the owners of its last matching rule, as GitHub does', () => {
    const owners = parseCodeowners('* @everyone\n*.json @json-team\npackage-lock.json @octo-org/security\n');
    expect(owners.ownersOf(['package-lock.json'])).toEqual({ users: [], teams: [{ org: 'octo-org', slug: 'security' }], emails: [] });
    expect(owners.ownersOf(['package.json']).users).toEqual(['json-team']);
    expect(owners.ownersOf(['README.md']).users).toEqual(['everyone']);
    expect(owners.ownersOf(['package.json', 'README.md']).users).toEqual(['everyone', 'json-team']);
  });

  it('reads anchored folders, folders at any depth, files directly inside, and ** across folders', () => {
    const owners = parseCodeowners(['/docs/ @docs', 'apps/ @apps', 'config/* @config', '**/logs @logs', 'a/**/b.json @deep'].join('\n'));
    expect(owners.ownersOf(['docs/x/y.md']).users).toEqual(['docs']);
    expect(owners.ownersOf(['src/docs/y.md']).users).toEqual([]);
    expect(owners.ownersOf(['services/apps/web/package.json']).users).toEqual(['apps']);
    expect(owners.ownersOf(['config/app.json']).users).toEqual(['config']);
    expect(owners.ownersOf(['config/nested/app.json']).users).toEqual([]);
    expect(owners.ownersOf(['deep/nested/logs/x.log']).users).toEqual(['logs']);
    expect(owners.ownersOf(['a/b.json', 'a/x/y/b.json']).users).toEqual(['deep']);
  });

  it('leaves a path whose last rule names nobody without owners', () => {
    expect(parseCodeowners('/apps/ @octocat\n/apps/github\n').ownersOf(['apps/github/package.json']).users).toEqual([]);
  });

  it('keeps e-mail addresses apart, drops what is not an owner, and ignores comments', () => {
    const owners = parseCodeowners('# who owns what\n* @octocat ops@example.com <b>x</b> @@bad # trailing comment @nobody\n');
    expect(owners.ownersOf(['x'])).toEqual({ users: ['octocat'], teams: [], emails: ['ops@example.com'] });
  });

  it('skips patterns GitHub does not support, and says which line', () => {
    const owners = parseCodeowners('!negated @a\n[ab].js @b\n*.js @c\n');
    expect(owners.skipped).toEqual(['line 1: pattern not supported by GitHub', 'line 2: pattern not supported by GitHub']);
    expect(owners.ownersOf(['a.js']).users).toEqual(['c']);
  });

  it('reads a hostile pattern without backtracking and stops after 10,000 rules', () => {
    const hostile = `${'*a'.repeat(200)} @x\n`.repeat(50) + 'x'.repeat(100);
    const owners = parseCodeowners(hostile + '\n' + '* @y\n'.repeat(20_000));
    expect(owners.ownersOf([`${'a'.repeat(300)}/${'a'.repeat(300)}`]).users).toEqual(['y']);
    expect(owners.skipped.at(-1)).toMatch(/more than 10000 rules/u);
  });
});
