import { redactCredentials } from '../redact.js';

/**
 * Makes untrusted text (package names, versions, paths, advisory text) inert
 * in GitHub-flavoured Markdown: no HTML, no links or images, no @mentions or
 * #references that notify people, no table breaks, no control characters.
 */
export function escapeMarkdown(untrusted: string, maxLength = 200): string {
  // Credentials go before clipping, so a cut cannot leave half a token without its `@`.
  const text = redactCredentials(untrusted);
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  return clipped
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~&"'=:]/gu, (ch) => `&#${ch.charCodeAt(0)};`)
    // GitHub links `www.example.com` without any scheme; a zero-width space after `www` keeps it text.
    .replace(/(www)\./giu, '$1\u200b.')
    .replace(/@/gu, '@\u200b');
}

/** Text for inside a Markdown code span: backticks cannot close it, control characters cannot break it. */
export function codeSpan(untrusted: string, maxLength = 200): string {
  const text = redactCredentials(untrusted);
  const clipped = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  const clean = clipped.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu, ' ').replace(/`/gu, "'").replace(/\|/gu, '\\|');
  return `\`${clean}\``;
}
