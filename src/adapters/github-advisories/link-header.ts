/**
 * The `rel="next"` target of an RFC 8288 `Link` header, as GitHub sends it
 * for cursor pagination: `<https://api.github.com/advisories?…&after=Y3Vy>; rel="next"`.
 * Targets are read between `<` and `>`, so commas inside a URL do not split it.
 */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,<]+)*)/g)) {
    const rel = /\brel\s*=\s*"([^"]*)"|\brel\s*=\s*([^\s;,]+)/i.exec(match[2] ?? '');
    const values = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/);
    if (values.includes('next')) return match[1];
  }
  return undefined;
}
