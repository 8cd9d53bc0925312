import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_LENGTH, parseOverrideCommand } from '../../src/app/override-command.js';
import { onIssueComment } from '../../src/app/handlers/issue-comment.js';

describe('parseOverrideCommand', () => {
  it('reads a name, an exact version and a reason, scoped names too', () => {
    expect(parseOverrideCommand('/chaingate allow debug@4.4.2 reason: reviewed the tarball')).toEqual({ kind: 'allow', packageName: 'debug', version: '4.4.2', reason: 'reviewed the tarball' });
    expect(parseOverrideCommand('  /chaingate allow @types/node@20.1.0-beta.1 Reason:   pinned by CI  \nmore text')).toEqual({ kind: 'allow', packageName: '@types/node', version: '20.1.0-beta.1', reason: 'pinned by CI' });
  });

  it('ignores comments that are no chaingate command', () => {
    for (const body of ['LGTM', '/chaingates allow a@1.0.0 reason: x', 'please /chaingate allow a@1.0.0 reason: x', '']) expect(parseOverrideCommand(body)).toBeUndefined();
  });

  it('says what is wrong with a malformed command', () => {
    const problem = (body: string) => {
      const parsed = parseOverrideCommand(body);
      return parsed?.kind === 'malformed' ? parsed.problem : parsed;
    };
    expect(problem('/chaingate')).toBe('the only command is "allow"');
    expect(problem('/chaingate deny debug@1.0.0 reason: x')).toBe('the only command is "allow"');
    expect(problem('/chaingate allow debug@4.4.2')).toMatch(/reason/u);
    expect(problem('/chaingate allow debug reason: x')).toBe('the package must be given as name@version');
    expect(problem('/chaingate allow debug@^4.0.0 reason: x')).toMatch(/exact version/u);
    expect(problem('/chaingate allow debug@v4.4.2 reason: x')).toMatch(/exact version/u);
    expect(problem('/chaingate allow <img>@1.0.0 reason: x')).toMatch(/package name/u);
    expect(problem('/chaingate allow debug@4.4.2 reason:   ')).toBe('a reason is required after "reason:"');
    expect(problem(`/chaingate allow debug@4.4.2 reason: ${'x'.repeat(501)}`)).toMatch(/longer than 500/u);
    expect(problem(`/chaingate allow debug@4.4.2 reason: ${'x'.repeat(MAX_COMMAND_LENGTH)}`)).toMatch(/longer than 1000/u);
    expect(problem('/chaingate allow debug@4.4.2 reason: a\u202ebc')).toMatch(/control/u);
  });
});

describe('onIssueComment', () => {
  const payload = (overrides: Record<string, unknown> = {}) => ({
    action: 'created',
    installation: { id: 1 },
    repository: { name: 'shop', owner: { login: 'octo-org' } },
    issue: { number: 7, pull_request: { url: 'https://api.github.com/repos/octo-org/shop/pulls/7' } },
    comment: { id: 99, body: '/chaingate allow debug@4.4.2 reason: ok', user: { login: 'mona', type: 'User' } },
    ...overrides,
  });

  it('turns a person\'s command on a pull request into a request', () => {
    expect(onIssueComment(payload())).toMatchObject({ owner: 'octo-org', repo: 'shop', pullRequest: 7, commentId: 99, actor: 'mona', command: { kind: 'allow' } });
  });

  it('ignores bots, edits, issues that are no pull request and ordinary comments', () => {
    expect(onIssueComment(payload({ comment: { id: 99, body: '/chaingate allow debug@4.4.2 reason: ok', user: { login: 'chaingate[bot]', type: 'Bot' } } }))).toBeUndefined();
    expect(onIssueComment(payload({ action: 'edited' }))).toBeUndefined();
    expect(onIssueComment(payload({ issue: { number: 7 } }))).toBeUndefined();
    expect(onIssueComment(payload({ comment: { id: 99, body: 'thanks', user: { login: 'mona', type: 'User' } } }))).toBeUndefined();
  });
});
