import type { DiffResult } from '../diff/change.js';
import { firstPath, versionTransition } from './describe-change.js';
import { codeSpan, escapeMarkdown } from './escape-markdown.js';

const TYPE_LABEL = { added: 'added', removed: 'removed', upgraded: 'upgraded', downgraded: 'downgraded', changed: '⚠️ changed' } as const;

/** GitHub's limit on a comment or check-run summary. */
export const GITHUB_MARKDOWN_LIMIT = 65_535;

/**
 * A Markdown table for a PR comment or job summary. Rows past the size limit
 * are cut, and the cut is said.
 */
export function renderDiffMarkdown(result: DiffResult, maxLength = GITHUB_MARKDOWN_LIMIT): string {
  const s = result.summary;
  const head = [
    '### Dependency changes',
    '',
    result.changes.length === 0
      ? 'No dependency changes.'
      : `${s.added} added, ${s.removed} removed, ${s.upgraded} upgraded, ${s.downgraded} downgraded, ${s.changed} changed (${s.direct} direct, ${s.transitive} transitive).`,
  ];
  if (result.changes.length === 0) return `${head.join('\n')}\n`;
  head.push('', '| Change | Package | Version | Scope | Lockfile | Brought in by |', '| --- | --- | --- | --- | --- | --- |');
  let body = `${head.join('\n')}\n`;
  for (const [index, c] of result.changes.entries()) {
    const path = c.direct ? 'direct' : escapeMarkdown(firstPath(c) ?? '', 300);
    const row = `| ${TYPE_LABEL[c.type]} | ${codeSpan(c.name)} | ${escapeMarkdown(versionTransition(c))} | ${c.dev ? 'dev' : 'runtime'} | ${codeSpan(c.lockfile)} | ${path} |\n`;
    const remaining = result.changes.length - index;
    const notice = `\n_${remaining} more change${remaining === 1 ? '' : 's'} not shown: the full list is in the JSON output._\n`;
    if (body.length + row.length + notice.length + 200 > maxLength) return body + notice;
    body += row;
  }
  return body;
}
