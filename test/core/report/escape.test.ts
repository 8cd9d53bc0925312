import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown } from '../../../src/core/report/escape-markdown.js';
import { escapeTerminal } from '../../../src/core/report/escape-terminal.js';

describe('escapeMarkdown', () => {
  it('neutralises HTML, links, images and mentions', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)> [click](https://evil.example) ![i](x) @octocat #1');
    expect(out).not.toMatch(/[<>[\]()]/u);
    expect(out).not.toContain('@octocat');
    expect(out).toContain('@\u200boctocat');
  });

  it('cannot break a table row or start a new line', () => {
    expect(escapeMarkdown('a|b\nc\r\u2028d')).toBe('a&#124;b c  d');
  });

  it('clips long text', () => {
    expect(escapeMarkdown('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
  });
});

describe('codeSpan', () => {
  it('keeps backticks and pipes from closing the span or the cell', () => {
    expect(codeSpan('a`b|c\n')).toBe("`a'b\\|c `");
  });
});

describe('escapeTerminal', () => {
  it('shows ANSI escapes and line breaks instead of obeying them', () => {
    expect(escapeTerminal('evil\u001b[2J\n::error::x')).toBe('evil\\u001b[2J\\u000a::error::x');
  });

  it("breaks the runner's legacy ##[command] form wherever it stands", () => {
    expect(escapeTerminal('lodash ##[error]forged')).toBe('lodash #\\u0023[error]forged');
  });
});
