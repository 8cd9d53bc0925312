/**
 * Expands `workspaces` patterns (`["packages/*"]`, yarn's and npm's) against a
 * listing of the tree's files, as npm's map-workspaces does with glob:
 *
 * - `*` and `?` match within one path segment, `**` matches any number of
 *   segments; wildcards do not match names starting with `.` (glob's default);
 * - a leading `./` or `/` and trailing slashes are dropped;
 * - `!pattern` removes what it matches from every positive pattern, unless a
 *   later positive pattern is itself matched by it (`["packages/**",
 *   "!packages/b/**", "packages/b/a"]` keeps `packages/b/a`); `!!p` is `p`;
 * - nothing inside `node_modules`, nothing climbing out (`..`), never the root.
 *
 * Matching walks segments with a small table instead of building one regular
 * expression, so a hostile pattern (`**` repeated, `*a*a*a…`) costs at most
 * the product of the pattern's and the path's lengths (patterns of more than
 * 256 segments are ignored).
 * Brace sets (`{a,b}`), classes (`[ab]`) and extglobs are not expanded: such
 * a pattern matches its characters literally.
 *
 * @param files tree paths relative to the directory holding the root package.json, `/`-separated
 * @returns workspace folders whose `package.json` is listed, sorted, each once
 */
export function expandWorkspaceGlobs(patterns: readonly string[], files: readonly string[]): string[] {
  const positives: Segment[][] = [];
  let negatives: Segment[][] = [];
  for (const raw of patterns) {
    const bangs = /^!*/.exec(raw)?.[0].length ?? 0;
    const pattern = compilePattern(raw.slice(bangs));
    if (!pattern) continue;
    if (bangs % 2 === 1) {
      negatives.push(pattern);
      continue;
    }
    const asPath = pattern.map((s) => s.text);
    negatives = negatives.filter((negative) => !matchPath(negative, asPath));
    positives.push(pattern);
  }
  const found = new Set<string>();
  for (const dir of workspaceCandidates(files)) {
    const segments = dir.split('/');
    if (!positives.some((p) => matchPath(p, segments))) continue;
    if (negatives.some((n) => matchPath(n, segments))) continue;
    found.add(dir);
  }
  return [...found].sort();
}

/** Deeper patterns are ignored: no workspace sits 256 folders down, and it bounds the work per pattern. */
const MAX_SEGMENTS = 256;

interface Segment {
  readonly kind: 'globstar' | 'literal' | 'wild';
  readonly text: string;
  /** Fewest characters a name needs to match it. */
  readonly min: number;
}

/** Splits a pattern into segments; undefined when it climbs out or holds characters a folder name should not. */
function compilePattern(pattern: string): Segment[] | undefined {
  if (/[\u0000-\u001f\u007f\\]/u.test(pattern)) return undefined;
  const segments: Segment[] = [];
  for (const text of pattern.split('/')) {
    if (text === '' || text === '.') continue;
    if (text === '..') return undefined;
    if (text === '**') {
      if (segments.at(-1)?.kind !== 'globstar') segments.push({ kind: 'globstar', text, min: 0 });
    } else if (/[*?]/.test(text)) {
      const wild = text.replace(/\*+/g, '*');
      segments.push({ kind: 'wild', text: wild, min: wild.replaceAll('*', '').length });
    } else {
      segments.push({ kind: 'literal', text, min: text.length });
    }
  }
  return segments.length === 0 || segments.length > MAX_SEGMENTS ? undefined : segments;
}

/** Folders holding a listed package.json, excluding the root, node_modules and anything not a plain relative path. */
function workspaceCandidates(files: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  for (const file of files) {
    if (!file.endsWith('/package.json')) continue;
    const dir = file.slice(0, -'/package.json'.length);
    if (/[\u0000-\u001f\u007f\\]/u.test(dir)) continue;
    const segments = dir.split('/');
    if (segments.some((s) => s === '' || s === '.' || s === '..' || s === 'node_modules')) continue;
    dirs.add(dir);
  }
  return dirs;
}

/** Whether `pattern` matches the whole of `path`: a row of reachable path positions per pattern segment. */
function matchPath(pattern: readonly Segment[], path: readonly string[]): boolean {
  // Every segment but `**` consumes exactly one path segment.
  let fixed = 0;
  for (const s of pattern) if (s.kind !== 'globstar') fixed++;
  if (fixed > path.length) return false;
  let reach = new Uint8Array(path.length + 1);
  reach[0] = 1;
  for (const segment of pattern) {
    const next = new Uint8Array(path.length + 1);
    let any = false;
    if (segment.kind === 'globstar') {
      let open = false;
      for (let i = 0; i <= path.length; i++) {
        if (reach[i]) open = true;
        if (open) next[i] = 1;
        if (open) any = true;
        // `**` does not descend into dot folders.
        if (path[i]?.startsWith('.')) open = false;
      }
    } else {
      for (let i = 0; i < path.length; i++) {
        if (reach[i] && matchSegment(segment, path[i] ?? '')) {
          next[i + 1] = 1;
          any = true;
        }
      }
    }
    if (!any) return false;
    reach = next;
  }
  return reach[path.length] === 1;
}

function matchSegment(segment: Segment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name;
  if (segment.min > name.length) return false;
  if (name.startsWith('.') && !segment.text.startsWith('.')) return false;
  return matchWildcard(segment.text, name);
}

/** `*` (any run) and `?` (one character) within one name; greedy with one backtrack point:
 * O(|p|·|s|) at worst, and |p| ≤ 2|s| + 1 once runs of `*` are one and
 * patterns needing more characters than `s` has are turned away. */
function matchWildcard(p: string, s: string): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const c = p[pi];
    if (c !== undefined && c !== '*' && (c === '?' || c === s[si])) {
      pi++;
      si++;
    } else if (c === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
