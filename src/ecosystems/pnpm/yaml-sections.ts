import { ParseError } from '../../core/errors.js';

const SECTIONS = new Set(['packages', 'snapshots']);

/**
 * Refuses a lockfile whose `packages:` or `snapshots:` block holds more entries
 * than `maxPackages` before parsing it, so an oversized file stops in one pass
 * over the text instead of after seconds of YAML parsing. pnpm writes every
 * entry as a key line indented by two spaces under the section's own line at
 * column 0; that is what is counted. A section written some other way (flow
 * style) is counted after parsing instead.
 * @throws {ParseError} LIMIT_EXCEEDED
 */
export function assertSectionSizes(content: string, path: string, maxPackages: number): void {
  let section: string | undefined;
  let entries = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    const first = content.charCodeAt(start);
    if (first !== 0x20 && first !== 0x23 && first !== 0x0a && first !== 0x0d && start < end) {
      // A line at column 0 (not a comment) opens the next top-level key.
      const colon = content.indexOf(':', start);
      const key = colon > start && colon < end ? content.slice(start, colon).trim() : '';
      section = SECTIONS.has(key) ? key : undefined;
      entries = 0;
    } else if (section !== undefined && isEntryLine(content, start, end) && ++entries > maxPackages) {
      throw new ParseError('LIMIT_EXCEEDED', path, `holds more than ${maxPackages} ${section} entries, over the ${maxPackages} limit`);
    }
    start = end + 1;
  }
}

/** Two spaces, then something other than a space, a comment or a line end. */
function isEntryLine(content: string, start: number, end: number): boolean {
  if (end - start < 3 || content.charCodeAt(start + 1) !== 0x20) return false;
  const third = content.charCodeAt(start + 2);
  return third !== 0x20 && third !== 0x23 && third !== 0x0d;
}
