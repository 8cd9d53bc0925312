import { describe, expect, it } from 'vitest';
import { redactCredentials } from '../../src/core/redact.js';

describe('redactCredentials', () => {
  it.each([
    ['git+https://ghp_TOKEN123@github.com/org/repo.git#0123abc', 'git+https://github.com/org/repo.git#0123abc'],
    ['https://user:pass@registry.example.com/a/-/a-1.0.0.tgz', 'https://registry.example.com/a/-/a-1.0.0.tgz'],
    ['https://user%40corp:p%40ss@host.example/x', 'https://host.example/x'],
    ['https://user:p@ss@host.example/x', 'https://host.example/x'],
    ['npm:fork@git+https://TOKEN@github.com/org/fork.git', 'npm:fork@git+https://github.com/org/fork.git'],
    ['git+ssh://deploy:secret@github.com:org/repo.git', 'git+ssh://github.com:org/repo.git'],
    ['HTTPS://Tok@Host.Example', 'HTTPS://Host.Example'],
    ['entry "a" resolves to git+https://TOKEN@github.com/o/r, which has no entry', 'entry "a" resolves to git+https://github.com/o/r, which has no entry'],
    ['two: https://a:b@x.example/1 and http://c@y.example/2', 'two: https://x.example/1 and http://y.example/2'],
    ['pkg:npm/a@git%2Bhttps%3A%2F%2FTOKEN%40github.com%2Fo%2Fr', 'pkg:npm/a@git%2Bhttps%3A%2F%2Fgithub.com%2Fo%2Fr'],
    ['pkg:npm/a@git%2Bhttps%3a%2f%2fTOKEN@github.com', 'pkg:npm/a@git%2Bhttps%3a%2f%2fgithub.com'],
    ['pkg:npm/private@git+https:%2F%2Fghp_T%40github.com%2Fo%2Fr%23abc', 'pkg:npm/private@git+https:%2F%2Fgithub.com%2Fo%2Fr%23abc'],
    ['https://proxy.example/https://TOKEN@github.com/o/r', 'https://proxy.example/https://github.com/o/r'],
    ['{"resolved":"https://t@h.example/x","other":"u@v"}', '{"resolved":"https://h.example/x","other":"u@v"}'],
  ])('removes the userinfo from %s', (input, expected) => {
    expect(redactCredentials(input)).toBe(expected);
  });

  it.each([
    'git+ssh://git@github.com/org/repo.git#abc',
    'git@github.com:org/repo.git',
    '@scope/name@1.2.3',
    'npm:@scope/name@^1.0.0',
    'https://registry.npmjs.org/@babel/core/-/core-7.0.0.tgz',
    'mail me at someone@example.com',
    'https://example.com/path/with@sign',
    '',
  ])('leaves %s as it is', (input) => {
    expect(redactCredentials(input)).toBe(input);
  });

  it('stays linear on hostile input', () => {
    const hostile = `${'x://a'.repeat(200_000)}@${'%3A%2F%2F'.repeat(100_000)}`;
    expect(redactCredentials(hostile).length).toBeLessThan(hostile.length);
  });
});
