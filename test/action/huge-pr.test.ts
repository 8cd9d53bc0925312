import { describe, expect, it } from 'vitest';
import { renderWithinBytes, SUMMARY_LIMIT_BYTES } from '../../src/action/publish.js';
import { COMMENT_FRAMING, MAX_COMMENT_LENGTH, planComment } from '../../src/adapters/github/sticky-comment.js';
import { renderVerdictMarkdown } from '../../src/core/report/verdict-markdown.js';
import { changeOf, decision, verdictOf } from '../core/report/verdict-samples.js';

// A pull request with 30,000 findings whose titles are long and multi-byte, like a lockfile rewrite.
const base = changeOf('flatmap-stream');
const decisions = Array.from({ length: 30_000 }, (_, i) =>
  decision({
    change: { ...base, name: `paquete-ñ-${i}`, to: `1.0.${i}` },
    signal: 'vulnerability',
    severity: i % 3 === 0 ? 'high' : 'low',
    title: `Vulnérabilité ${i}: ${'débordement de tampon — '.repeat(6)}`,
    ids: [`GHSA-aaaa-bbbb-${String(i % 10_000).padStart(4, '0')}`],
    outcome: i % 3 === 0 ? 'block' : 'warn',
    rule: 'vulnerability-runtime-high',
    tier: 2,
  }),
);
const verdict = verdictOf(decisions);

describe('a huge pull request', () => {
  it('keeps the job summary under the runner’s 1 MiB limit and says what was cut', () => {
    const summary = renderWithinBytes(verdict, SUMMARY_LIMIT_BYTES);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES);
    expect(summary).toMatch(/not shown|cut/iu);
    // Blocks are kept before warnings.
    expect(summary).toContain('paquete-ñ-0');
  });

  it('keeps the sticky comment within 65,536 characters', () => {
    const report = renderVerdictMarkdown(verdict, { maxLength: MAX_COMMENT_LENGTH - COMMENT_FRAMING });
    const body = planComment({ mode: 'always', failure: true, report, headSha: 'a'.repeat(40) })(undefined);
    expect(body).toBeDefined();
    expect(body!.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toContain('<!-- chaingate:summary -->');
    expect(body).toMatch(/not shown|cut/iu);
  });
});
