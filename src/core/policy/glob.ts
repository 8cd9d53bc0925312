/**
 * Globs for package names (`@types/*`, `eslint-*`) and workspace folders
 * (`packages/*`, `apps/**`): `*` matches any characters within one
 * `/`-separated segment, `**` matches across segments, `?` one character
 * other than `/`. Everything else is literal and case-sensitive.
 *
 * Matching is a table walk over (pattern token × text position), never a
 * regular expression, so a hostile pattern (`*a*a*a…`) costs at most the
 * product of the two lengths.
 */

type Token = { readonly kind: 'literal'; readonly char: string } | { readonly kind: 'one' | 'star' | 'globstar' };

/** A glob may not hold `***` or an empty segment; the schema checks the character set. */
export function isValidGlob(pattern: string): boolean {
  return pattern.length > 0 && !pattern.includes('***') && !pattern.includes('//');
}

/** Compiles a glob once for many matches. */
export function compileGlob(pattern: string): (text: string) => boolean {
  const tokens = tokenize(pattern);
  return (text) => matchTokens(tokens, text);
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '?') tokens.push({ kind: 'one' });
    else if (char !== '*') tokens.push({ kind: 'literal', char });
    else if (pattern[i + 1] === '*') {
      tokens.push({ kind: 'globstar' });
      i++;
    } else tokens.push({ kind: 'star' });
  }
  return tokens;
}

function matchTokens(tokens: readonly Token[], text: string): boolean {
  // reachable[j]: the tokens consumed so far can match text.slice(0, j).
  let reachable = new Array<boolean>(text.length + 1).fill(false);
  reachable[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    for (let j = 0; j <= text.length; j++) {
      if (token.kind === 'star' || token.kind === 'globstar') {
        // Zero characters, or extend a match that ended one character earlier.
        const prev = j > 0 && next[j - 1] === true && (token.kind === 'globstar' || text[j - 1] !== '/');
        next[j] = reachable[j] === true || prev;
        continue;
      }
      if (j === 0 || reachable[j - 1] !== true) continue;
      const char = text[j - 1] as string;
      next[j] = token.kind === 'one' ? char !== '/' : token.kind === 'literal' && char === token.char;
    }
    reachable = next;
  }
  return reachable[text.length] === true;
}
