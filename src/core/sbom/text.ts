import { redactCredentials } from '../redact.js';

/**
 * Characters XML 1.0 cannot carry even escaped (C0 controls other than tab,
 * line feed and carriage return, U+FFFE, U+FFFF, unpaired surrogates). A
 * lockfile may hold them in any free text; the SBOM must still be well-formed
 * in both formats, so they become U+FFFD.
 */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every character XML cannot carry replaced by U+FFFD, and any
 * credential in a URL removed (a second line of defence: the graph builder
 * already removes them; an SBOM is meant to be shared).
 */
export function cleanText(text: string): string {
  const redacted = redactCredentials(text);
  XML_INVALID.lastIndex = 0;
  return XML_INVALID.test(redacted) ? redacted.replace(XML_INVALID, '\uFFFD') : redacted;
}

/**
 * The URL to record as a component's distribution: http(s) only, normalised
 * by the WHATWG parser (so it is a valid IRI reference in both schemas), and
 * with any user name and password removed — lockfiles of private registries
 * sometimes embed a token in `resolved`, and an SBOM is meant to be shared.
 */
export function distributionUrl(resolved: string | undefined): string | undefined {
  if (resolved === undefined || !/^https?:\/\//i.test(resolved)) return undefined;
  if (isAlreadyNormal(resolved)) return resolved;
  let url: URL;
  try {
    url = new URL(resolved);
  } catch {
    return undefined;
  }
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * A lower-case http(s) URL with a DNS host (its last label letters only, so
 * never an IPv4 address; no `xn--` label, which the parser would check), no
 * port, user, query or fragment, and a path of characters the WHATWG parser
 * neither escapes nor rewrites, with no `.` or `..` segment: the parser
 * would give it back unchanged. Registry tarball URLs are like this, and
 * parsing thousands of them is a measurable part of a cold `chaingate sbom`.
 */
const NORMAL_URL = /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z]+(?:\/[A-Za-z0-9._~@+%-]*)+$/;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)|%2e/i;

function isAlreadyNormal(url: string): boolean {
  return NORMAL_URL.test(url) && !DOT_SEGMENT.test(url) && !url.includes('xn--');
}

/**
 * A POSIX path with `.` and `..` segments resolved, `.` for the top. `..`
 * beyond the top is kept, so a hostile workspace path cannot alias another.
 */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.length === 0 ? '.' : out.join('/');
}

/** The directory part of a POSIX path, `.` for a bare file name. */
export function dirnameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : normalizePath(path.slice(0, slash));
}
