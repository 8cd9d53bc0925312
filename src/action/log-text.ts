import { logText } from '../core/report/verdict-plain.js';

/**
 * Untrusted text (package names, versions, advisory titles, paths) made safe
 * for a line of the Actions log: no control characters, line or paragraph
 * separators or ANSI escapes (see logText), no `##[` runner commands, no
 * percent-encoded line breaks (`%0A`, `%0D`) for a later command to decode,
 * and no `::` at the start where the runner would read a workflow command.
 */
export function safeLogText(text: string): string {
  const clean = logText(text).replace(/%(?=0[ad]|25)/giu, '%25');
  return clean.startsWith('::') ? `\\u003a${clean.slice(1)}` : clean;
}
