import { escapeTerminal } from './escape-terminal.js';
import { redactCredentials } from '../redact.js';

/**
 * Plain text for places that show text as text (SARIF messages, check-run
 * annotations): no control or bidi characters, so nothing can start a new
 * line, forge a workflow command (`::error::`) or reorder what is shown, and
 * no credential in a URL.
 */
export function plainText(text: string, maxLength = 300): string {
  const clean = redactCredentials(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ');
  return clean.length > maxLength ? `${clean.slice(0, maxLength)}…` : clean;
}

/** Cuts text to at most `maxBytes` bytes of UTF-8 (APIs count bytes), never inside a character. */
export function clipUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) return text.slice(0, index);
    bytes += size;
    index += ch.length;
  }
  return text;
}

/**
 * Text for a CI log: control characters shown as escapes (see escapeTerminal)
 * and the legacy `##[command]` form broken up, because the Actions runner
 * obeys it anywhere in a line. The modern `::command::` form only counts at
 * the start of a line, so callers never start a line with untrusted text.
 */
export function logText(text: string): string {
  return escapeTerminal(text).replaceAll('##[', '#\\u0023[');
}
