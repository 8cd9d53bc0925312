import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown } from '../../../src/core/report/escape-markdown.js';
import { escapeTerminal } from '../../../src/core/report/escape-terminal.js';
import { renderDiffMarkdown } from '../../../src/core/report/diff-markdown.js';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { decision, sampleDiff, verdictOf } from './verdict-samples.js';

describe('escapeMarkdown', () => {
  it('neutralises HTML, links, images and mentions', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)> [click](https://evil.example) ![i](x) @octocat #1');
    expect(out).not.toMatch(/[<>[\]()]/u);
    expect(out).not.toContain('@octocat');
    expect(out).toContain('@\u200boctocat');
  });

  it.each(['www.evil.example', 'see WWW.evil.example/x', '(www.evil.example)', '*www.evil.example*'])('keeps %s from becoming a link', (text) => {
    const out = escapeMarkdown(text);
    expect(out).not.toMatch(/www\./iu);
    expect(out.replaceAll('\u200b', '')).toMatch(/www\.evil\.example/iu);
  });

  it('keeps links out of every Markdown report', () => {
    const change = { ...sampleDiff.changes[0]!, name: 'www.evil.example', paths: [{ workspace: '.', packages: ['www.evil.example@1.0.0'] }], direct: false };
    const verdict = verdictOf([decision({ change, signal: 'vulnerability', severity: 'high', title: 'visit www.evil.example', ids: ['GHSA-p6mc-m468-83gw'], outcome: 'block', rule: 'r', tier: 1 })]);
    const outputs = [
      renderVerdictMarkdown(verdict),
      renderDiffMarkdown({ changes: [change], summary: sampleDiff.summary }),
      JSON.stringify(JSON.parse(renderSarif(verdict, { toolVersion: '0', informationUri: 'https://example.com' })).runs[0].tool.driver.rules.map((r: { help: { markdown: string } }) => r.help.markdown)),
    ];
    // Code spans (package names) are never linked by GitHub; everywhere else `www.` must be broken up.
    for (const output of outputs) expect(output.replace(/`[^`]*`/gu, '')).not.toMatch(/www\./iu);
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
