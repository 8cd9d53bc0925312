import { redactCredentials } from '../redact.js';

/**
 * Makes untrusted text safe to print to a terminal or CI log: control
 * characters (ANSI escapes, carriage returns, line breaks) become visible
 * escapes instead of moving the cursor or forging a log line, and the Actions
 * runner's legacy `##[command]` form, which it obeys anywhere in a line, is
 * broken up. Credentials in URLs are removed (see redactCredentials).
 */
export function escapeTerminal(text: string): string {
  return redactCredentials(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('##[', '#\\u0023[');
}
