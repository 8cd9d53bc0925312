/**
 * Removes credentials from URL-like text before anything shows it: the
 * userinfo (`user:pass@`, `TOKEN@`) of every `scheme://` URL found anywhere in
 * the text, also when the `://` and the `@` are percent-encoded (as in a purl
 * built from such a version: `git+https:%2F%2FTOKEN%40github.com`).
 *
 * npm v1 writes a git dependency's URL, token included, into `version`; other
 * lockfiles keep it in `resolved`. One function, applied where parsers hand
 * values to the graph (GraphBuilder) so every later output starts clean, and
 * again in every renderer (Markdown, text, JSON, SARIF, annotations, SBOM,
 * error messages) so a value that reaches an output another way is cleaned
 * too.
 *
 * The user name `git` alone (`git+ssh://git@github.com/…`) is kept: it is the
 * fixed SSH account every git host uses, not a secret, and removing it would
 * make the URL unusable for the reader. Any other user name, and any
 * password, is removed.
 *
 * Linear in the text (see the loop).
 */
export function redactCredentials(text: string): string {
  if (!mayHoldCredentials(text)) return text;
  const separator = new RegExp(SEPARATOR.source, 'gi');
  let out = '';
  let copied = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    const authorityStart = match.index + match[0].length;
    const { lastAt, atLength } = scanAuthority(text, authorityStart, match[0] !== '://');
    if (lastAt >= 0 && lastAt + atLength > copied && text.slice(authorityStart, lastAt) !== KEPT_USER) {
      out += text.slice(copied, Math.max(copied, authorityStart));
      copied = lastAt + atLength;
    }
    // A URL may hold another in its path (`https://proxy/https://TOKEN@host/`), so the search goes on right after
    // this separator; an authority ends at the next separator's `/` at the latest, so no character is scanned twice
    // by authorities of one kind (raw or percent-encoded).
    separator.lastIndex = match.index + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const KEPT_USER = 'git';
/**
 * Cheap test first (plain substring searches, fast on a whole JSON report): no `@` (raw or encoded) or no
 * `:` before a `/` (raw or encoded) means no userinfo, the case for almost every value.
 */
function mayHoldCredentials(text: string): boolean {
  const at = text.includes('@') || text.includes('%40');
  return at && (text.includes(':/') || text.includes(':%2') || text.includes('%3A') || text.includes('%3a'));
}
// `://` with any of its characters percent-encoded (a purl keeps `:` and encodes `/`: `git+https:%2F%2FTOKEN%40host`).
const SEPARATOR = /(?::|%3a)(?:\/|%2f)(?:\/|%2f)/;

/**
 * The position of the last `@` of the authority that starts at `start`; the
 * authority ends at `/`, `?`, `#`, white space, a quote or angle bracket (or
 * their percent-encoded forms when the URL itself was encoded).
 */
function scanAuthority(text: string, start: number, encoded: boolean): { lastAt: number; atLength: number } {
  let lastAt = -1;
  let atLength = 1;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || AUTHORITY_END.has(code) || (code > 0x7f && /\s/u.test(text[i] as string))) break;
    if (code === AT) {
      lastAt = i;
      atLength = 1;
    } else if (code === PERCENT && encoded) {
      const escape = text.slice(i + 1, i + 3).toUpperCase();
      if (escape === '2F' || escape === '3F' || escape === '23') break;
      if (escape === '40') {
        lastAt = i;
        atLength = 3;
      }
    }
  }
  return { lastAt, atLength };
}

const AT = 0x40;
const PERCENT = 0x25;
const AUTHORITY_END = new Set([...'/?#\\"\'`<>'].map((c) => c.charCodeAt(0)));
