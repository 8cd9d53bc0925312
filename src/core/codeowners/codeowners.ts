import { compileGlob } from '../policy/glob.js';

/** The places GitHub looks for a CODEOWNERS file, in its order: the first one found is used. */
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** GitHub ignores a CODEOWNERS file larger than 3 MB. */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;
const MAX_RULES = 10_000;
const MAX_PATTERN = 512;
const MAX_OWNERS_PER_RULE = 50;

/** Owners named in CODEOWNERS: users and `org/team` teams; e-mail addresses are kept apart (no review can be requested from one). */
export interface Owners {
  readonly users: readonly string[];
  readonly teams: readonly { readonly org: string; readonly slug: string }[];
  readonly emails: readonly string[];
}

interface Rule {
  readonly line: number;
  readonly matches: (path: string) => boolean;
  readonly owners: readonly string[];
}

export interface Codeowners {
  /** Owners of each path together (the last matching rule of each path wins, as on GitHub). */
  ownersOf(paths: readonly string[]): Owners;
  /** Lines GitHub would also ignore, with why. */
  readonly skipped: readonly string[];
}

const USER = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/u;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/u;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/u;

/**
 * Reads a CODEOWNERS file (untrusted text): `pattern owner…` per line, `#`
 * comments, gitignore-style patterns without negation or character ranges —
 * `/docs/` anchored to the root, `apps/` a folder at any depth, `docs/*` the
 * files directly in docs, `**` across folders. Unreadable lines are skipped
 * and listed; at most 10,000 rules are read.
 */
export function parseCodeowners(text: string): Codeowners {
  const rules: Rule[] = [];
  const skipped: string[] = [];
  const lines = text.split(/\r?\n/u);
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/(^|\s)#.*$/u, '').trim();
    if (line === '') continue;
    if (rules.length >= MAX_RULES) {
      skipped.push(`line ${index + 1} and later: more than ${MAX_RULES} rules`);
      break;
    }
    const [pattern, ...owners] = line.split(/\s+/u) as [string, ...string[]];
    if (pattern.length > MAX_PATTERN || pattern.startsWith('!') || pattern.includes('[') || pattern.includes('***')) {
      skipped.push(`line ${index + 1}: pattern not supported by GitHub`);
      continue;
    }
    rules.push({ line: index + 1, matches: patternMatcher(pattern), owners: owners.slice(0, MAX_OWNERS_PER_RULE) });
  }
  return {
    skipped,
    ownersOf(paths) {
      const named = new Set<string>();
      for (const path of paths) {
        let last: Rule | undefined;
        for (const rule of rules) if (rule.matches(path)) last = rule;
        for (const owner of last?.owners ?? []) named.add(owner);
      }
      const users: string[] = [];
      const teams: { org: string; slug: string }[] = [];
      const emails: string[] = [];
      for (const owner of [...named].sort()) {
        const team = TEAM.exec(owner);
        const user = USER.exec(owner);
        if (team) teams.push({ org: team[1]!, slug: team[2]! });
        else if (user) users.push(user[1]!);
        else if (EMAIL.test(owner)) emails.push(owner);
      }
      return { users, teams, emails };
    },
  };
}

/**
 * A pattern with a `/` at its start or in its middle is anchored to the root;
 * one without matches at any depth. A pattern matches a path, or any folder
 * above it (so `apps/` owns everything below), except one ending in `/*`,
 * which owns only the files directly inside.
 */
function patternMatcher(pattern: string): (path: string) => boolean {
  let p = pattern.replace(/^\*\*\//u, '');
  const unanchoredPrefix = p !== pattern;
  p = p.replace(/\/+$/u, '');
  const anchored = !unanchoredPrefix && (p.startsWith('/') || p.includes('/'));
  p = p.replace(/^\/+/u, '');
  if (p === '' || p === '**') return () => true;
  const variants = new Set([p, p.replace(/\/\*\*\//gu, '/')]);
  const globs = [...variants].map(compileGlob);
  const test = (text: string) => globs.some((glob) => glob(text));
  const filesOnly = p === '*' ? false : p.endsWith('/*');
  return (path) => {
    const segments = path.split('/');
    const starts = anchored ? [0] : segments.map((_, i) => i);
    for (const start of starts) {
      for (let end = filesOnly ? segments.length : start + 1; end <= segments.length; end++) {
        if (test(segments.slice(start, end).join('/'))) return true;
      }
    }
    return false;
  };
}
