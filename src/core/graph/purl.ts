/**
 * Package URLs for the npm type, hand-rolled because every package of every
 * lockfile gets one and the general-purpose builder is the hot spot of a parse.
 * `test/core/graph/purl.test.ts` checks the output against packageurl-js.
 */
export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const path =
    slash > 0
      ? `${encodeSegment(name.slice(0, slash))}/${encodeSegment(name.slice(slash + 1))}`
      : encodeSegment(name);
  return version ? `pkg:npm/${path}@${encodeSegment(version)}` : `pkg:npm/${path}`;
}

function encodeSegment(segment: string): string {
  // purl-spec: percent-encode like encodeURIComponent, but ':' may stay literal.
  return encodeURIComponent(segment).replaceAll('%3A', ':');
}
