import type { DiffResult } from '../diff/change.js';
import { firstPath, versionTransition } from './describe-change.js';
import { escapeTerminal } from './escape-terminal.js';

const SYMBOL = { added: '+', removed: '-', upgraded: '↑', downgraded: '↓', changed: '!' } as const;

/** Plain text for a terminal: one line per change, grouped by lockfile, and a summary. */
export function renderDiffText(result: DiffResult): string {
  const lines: string[] = [];
  let lockfile: string | undefined;
  for (const change of result.changes) {
    if (change.lockfile !== lockfile) {
      lockfile = change.lockfile;
      lines.push(`${lines.length > 0 ? '\n' : ''}${escapeTerminal(lockfile)}`);
    }
    const scope = `${change.direct ? 'direct' : 'transitive'}${change.dev ? ', dev' : ''}`;
    const via = change.direct ? '' : `  via ${escapeTerminal(firstPath(change) ?? '?')}`;
    lines.push(`  ${SYMBOL[change.type]} ${escapeTerminal(change.name)} ${escapeTerminal(versionTransition(change))}  (${scope})${via}`);
  }
  const s = result.summary;
  const total = result.changes.length;
  lines.push(
    `${lines.length > 0 ? '\n' : ''}${total === 0 ? 'No dependency changes.' : `${total} change${total === 1 ? '' : 's'}: ${s.added} added, ${s.removed} removed, ${s.upgraded} upgraded, ${s.downgraded} downgraded, ${s.changed} changed (${s.direct} direct, ${s.transitive} transitive)`}`,
  );
  return `${lines.join('\n')}\n`;
}
