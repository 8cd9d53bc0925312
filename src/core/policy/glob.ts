/**
 * Globs for package names (`@types/*`, `eslint-*`) and workspace folders
 * (`packages/*`, `apps/**`): `*` matches any characters within one
 * `/`-separated segment, `**` matches across segments, `?` one character
 * other than `/`. Everything else is literal and case-sensitive.
 *
 * Matching is a table walk over (pattern token × text position), never a
 * regular expression, so a hostile pattern (`*a*a*a…`) costs at most the
 * product of the two lengths; a policy holds at most {@link MAX_POLICY_GLOBS}
 * globs, so the cost per finding is bounded too.
 */

type Token = { readonly kind: 'literal'; readonly char: string } | { readonly kind: 'one' | 'star' | 'globstar' };

/** Package and workspace globs one policy file may hold (rules, tiers and exceptions together). */
export const MAX_POLICY_GLOBS = 2000;

/** A glob may not hold `***` or an empty segment; the schema checks the character set. */
export function isValidGlob(pattern: string): boolean {
  return pattern.length > 0 && !pattern.includes('***') && !pattern.includes('//');
}

/** Texts whose answer one compiled glob remembers (package names and workspace ids repeat across findings). */
const REMEMBERED = 4096;

/**
 * Compiles a glob once for many matches. A glob without wildcards is a string
 * comparison, one with a single star a prefix and suffix test; any other is a table walk costing pattern × text length (both
 * bounded: patterns by the schema, names by the lockfile readers), and each
 * compiled glob remembers its recent answers, so many findings about the same
 * package cost one walk.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  if (!/[*?]/u.test(pattern)) return (text) => text === pattern;
  const tokens = tokenize(pattern);
  const literals = literalEnds(tokens);
  const wildcards = tokens.filter((t) => t.kind !== 'literal');
  // The usual globs (`@types/*`, `eslint-*`, `*-loader`, `apps/**`): one star between literals, linear.
  if (wildcards.length === 1 && wildcards[0]!.kind !== 'one') {
    const { prefix, suffix } = literals;
    const crossesSegments = wildcards[0]!.kind === 'globstar';
    return (text) =>
      text.length >= prefix.length + suffix.length &&
      text.startsWith(prefix) &&
      text.endsWith(suffix) &&
      (crossesSegments || !text.slice(prefix.length, text.length - suffix.length).includes('/'));
  }
  const answers = new Map<string, boolean>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined) return known;
    const answer = text.startsWith(literals.prefix) && text.endsWith(literals.suffix) && matchTokens(tokens, text);
    if (answers.size >= REMEMBERED) answers.clear();
    answers.set(text, answer);
    return answer;
  };
}

/** The literal characters a glob starts and ends with: a cheap test before the walk. */
function literalEnds(tokens: readonly Token[]): { prefix: string; suffix: string } {
  let prefix = '';
  for (const token of tokens) {
    if (token.kind !== 'literal') break;
    prefix += token.char;
  }
  let suffix = '';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as Token;
    if (token.kind !== 'literal') break;
    suffix = token.char + suffix;
  }
  return { prefix, suffix };
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
  // reachable[j]: the tokens consumed so far can match text.slice(0, j). Two rows, reused.
  let reachable = new Uint8Array(text.length + 1);
  let next = new Uint8Array(text.length + 1);
  reachable[0] = 1;
  for (const token of tokens) {
    next.fill(0);
    let any = false;
    for (let j = 0; j <= text.length; j++) {
      if (token.kind === 'star' || token.kind === 'globstar') {
        // Zero characters, or extend a match that ended one character earlier.
        const longer = j > 0 && next[j - 1] === 1 && (token.kind === 'globstar' || text[j - 1] !== '/');
        next[j] = reachable[j] === 1 || longer ? 1 : 0;
      } else if (j > 0 && reachable[j - 1] === 1) {
        const char = text[j - 1] as string;
        next[j] = (token.kind === 'literal' ? char === token.char : char !== '/') ? 1 : 0;
      }
      if (next[j] === 1) any = true;
    }
    if (!any) return false;
    [reachable, next] = [next, reachable];
  }
  return reachable[text.length] === 1;
}
