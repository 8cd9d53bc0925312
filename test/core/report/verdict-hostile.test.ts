import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { buildAnnotations } from '../../../src/core/report/annotations.js';
import { renderSarif } from '../../../src/core/report/sarif-render.js';
import { renderVerdictJson } from '../../../src/core/report/verdict-json.js';
import { renderVerdictMarkdown } from '../../../src/core/report/verdict-markdown.js';
import { renderVerdictText } from '../../../src/core/report/verdict-text.js';
import { HOSTILE_TEXT, hostileVerdict, sampleDiff } from './verdict-samples.js';
import { sarifValidator, verdictValidator } from './schema-validators.js';

/** No line of a CI log may carry a workflow command: `::cmd::` at the start (after spaces), `##[cmd]` anywhere. */
function expectNoWorkflowCommand(output: string): void {
  for (const line of output.split(/\r\n|\r|\n/u)) {
    expect(line.trimStart().startsWith('::'), line).toBe(false);
    expect(line.includes('##['), line).toBe(false);
  }
}

let validateSarif: ValidateFunction;
let validateJson: ValidateFunction;
beforeAll(async () => {
  [validateSarif, validateJson] = await Promise.all([sarifValidator(), verdictValidator()]);
});

describe('hostile package names, advisory text and exception fields', () => {
  const verdict = hostileVerdict();

  it('are inert in Markdown: no HTML, no links but ours, no mentions, no broken table', () => {
    const md = renderVerdictMarkdown(verdict);
    // Code spans show their content as text; outside them nothing hostile may remain.
    const outsideCode = md.replace(/`[^`\n]*`/gu, '');
    expect(outsideCode).not.toMatch(/<script|<\/script/iu);
    expect(outsideCode).not.toContain('@everyone');
    expect(outsideCode).not.toMatch(/\]\(javascript:/iu);
    expect(outsideCode).not.toMatch(/\]\((?!https:\/\/(github\.com\/advisories|osv\.dev\/vulnerability)\/)/u);
    expect(md).not.toContain('\r');
    for (const row of md.split('\n').filter((l) => l.startsWith('| ❌'))) expect(row.replace(/`[^`]*`/gu, '').split(' | ')).toHaveLength(9);
    expectNoWorkflowCommand(md);
  });

  it('are inert in the terminal text: control characters shown, no workflow command', () => {
    const text = renderVerdictText(verdict);
    expect(text).not.toContain('\r');
    expect(text).toContain('\\u000d\\u000a::error::pwned');
    expectNoWorkflowCommand(text);
  });

  it('are kept as exact data in JSON, which stays valid and safe to print to a log', () => {
    const json = renderVerdictJson(verdict, { toolVersion: '0.1.0', changes: sampleDiff.summary });
    expectNoWorkflowCommand(json);
    const doc = JSON.parse(json);
    expect(doc.findings[0].title).toBe(HOSTILE_TEXT);
    expect(doc.findings[0].name).toBe('@everyone<script>');
    expect(validateJson(doc)).toBe(true);
  });

  it('are plain text in SARIF: no control characters in messages, Markdown help escaped, rule ids only of known shape', () => {
    const sarif = renderSarif(verdict, { toolVersion: '0.1.0', informationUri: 'https://example.org/' });
    expectNoWorkflowCommand(sarif);
    const doc = JSON.parse(sarif);
    expect(validateSarif(doc)).toBe(true);
    for (const result of doc.runs[0].results) {
      expect(result.message.text).not.toMatch(/[\r\n\u0000-\u001f]/u);
      expect(result.ruleId).toMatch(/^[a-z-]+$/u);
    }
    for (const rule of doc.runs[0].tool.driver.rules) expect(rule.help.markdown).not.toMatch(/<script|\]\(javascript:/iu);
  });

  it('cannot add lines or exceed limits in check annotations', () => {
    for (const annotation of buildAnnotations(verdict)) {
      expect(annotation.message).not.toContain('\r');
      // Our own line breaks only: each line starts with text we wrote or with the escaped title.
      expect(annotation.message.split('\n').length).toBeLessThanOrEqual(4);
      expect(annotation.title).not.toMatch(/[\r\n]/u);
      expectNoWorkflowCommand(annotation.title);
    }
  });
});
