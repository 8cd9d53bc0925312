/**
 * Package URLs for the npm type, hand-rolled because every package of every
 * lockfile gets one and the general-purpose builder is the hot spot of a parse.
 * `test/core/graph/purl.test.ts` checks the output against packageurl-js.
 */
// Characters encodeURIComponent leaves alone: most names and versions need no encoding at all.
const PLAIN = /^[A-Za-z0-9._~!*'()-]*$/;
// A plain name, or `@` and a plain scope and name around one `/`.
const PLAIN_NAME = /^(?:@[A-Za-z0-9._~!*'()-]*(?:\/[A-Za-z0-9._~!*'()-]*)?|[A-Za-z0-9._~!*'()-]*)$/;

export function npmPurl(name: string, version: string): string {
  if (PLAIN.test(version) && PLAIN_NAME.test(name)) {
    const path = name.startsWith('@') ? `%40${name.slice(1)}` : name;
    return version ? `pkg:npm/${path}@${version}` : `pkg:npm/${path}`;
  }
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  const path =
    slash > 0
      ? `${encodeURIComponent(name.slice(0, slash))}/${encodeURIComponent(name.slice(slash + 1))}`
      : encodeURIComponent(name);
  return version ? `pkg:npm/${path}@${encodeVersion(version)}` : `pkg:npm/${path}`;
}

function encodeVersion(version: string): string {
  // purl-spec lets ':' and '+' stand unencoded in a version (packageurl-js does the same).
  return encodeURIComponent(version).replaceAll('%3A', ':').replaceAll('%2B', '+');
}

