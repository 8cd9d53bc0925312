// Renders benchmark rows as a Markdown table.

const fmtMs = (ms) => (ms === undefined ? '—' : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
const fmtX = (x) => (x === undefined || !Number.isFinite(x) ? '—' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}×`);
const fmtMb = (bytes) => (bytes === undefined ? '—' : (bytes / 1024 / 1024).toFixed(1));

/**
 * @typedef {{ operation: string, tool: string, ms?: number, ratio?: number, ratioNote?: string,
 *   packages?: number | string, heapBytes?: number, target?: string, pass?: boolean, note?: string }} Row
 * @param {Row[]} rows
 */
export function renderTable(rows) {
  const head = ['operation', 'tool', 'median ms', 'ratio', 'packages', 'retained heap MB', 'target', 'pass'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '—' : `${fmtX(r.ratio)}${r.ratioNote ? ` ${r.ratioNote}` : ''}`;
    const pass = r.pass === undefined ? '' : r.pass ? 'pass' : 'FAIL';
    const ms = r.note ?? fmtMs(r.ms);
    lines.push(`| ${[r.operation, r.tool, ms, ratio, r.packages ?? '—', fmtMb(r.heapBytes), r.target ?? '', pass].join(' | ')} |`);
  }
  return lines.join('\n');
}
