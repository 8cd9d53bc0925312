/**
 * Package URLs for the npm type, hand-rolled because every package of every
 * lockfile gets one and the general-purpose builder is the hot spot of a parse.
 * `test/core/graph/purl.test.ts` checks the output against packageurl-js.
 */
// Characters encodeURIComponent leaves alone: most names and versions need no encoding at all.
const PLAIN = /^[A-Za-z0-9._~!*'()-]*$/;
// A plain name, or `@` and a plain scope and name around one `/`.
const PLAIN_NAME = /^(?:@[A-Za-z0-9._~!*'()-]*(?:\/[A-Za-z0-9._~!*'()-]*)?|[A-Za-z0-9._~!*'()-]*)$/;

// A UTF-16 surrogate without its pair: JSON can spell one (`"\\ud800"`), encodeURIComponent throws on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Whether `text` is well-formed UTF-16 (no lone surrogate), i.e. can be written as UTF-8. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Never throws: a lone surrogate becomes U+FFFD here, and the graph builder
 * refuses such a name or version with a ParseError naming the file.
 */
export function npmPurl(name: string, version: string): string {
  if (PLAIN.test(version) && PLAIN_NAME.test(name)) {
    const path = name.startsWith('@') ? `%40${name.slice(1)}` : name;
    return version ? `pkg:npm/${path}@${version}` : `pkg:npm/${path}`;
  }
  if (!isWellFormedText(name) || !isWellFormedText(version)) {
    return npmPurl(name.replace(LONE_SURROGATES, '\uFFFD'), version.replace(LONE_SURROGATES, '\uFFFD'));
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

