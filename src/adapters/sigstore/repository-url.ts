/**
 * Source repository URLs in one spelling, `https://host/owner/repo`, so the
 * repository a provenance names can be compared with the one a package declares.
 */

const SHORTHAND_HOSTS: Readonly<Record<string, string>> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucket: 'bitbucket.org',
};

/**
 * `git+https://github.com/o/r.git`, `git://github.com/o/r`, `git+ssh://git@github.com/o/r.git`,
 * `git@github.com:o/r.git`, `github:o/r`, npm's bare `o/r` (GitHub) and `https://github.com/o/r/tree/main/x`
 * all become `https://github.com/o/r`. Host names are lower-cased, and so is the path on github.com, whose
 * names are case-insensitive.
 * @returns `undefined` for text that names no repository.
 */
export function normaliseRepositoryUrl(input: string): string | undefined {
  let text = input.trim().replace(/[#?].*$/, '');
  if (text === '') return undefined;
  const shorthand = /^(github|gitlab|bitbucket):([^/\s]+\/[^/\s]+)$/i.exec(text);
  if (shorthand) text = `https://${SHORTHAND_HOSTS[shorthand[1]!.toLowerCase()]}/${shorthand[2]}`;
  else if (/^[\w.-]+\/[\w.-]+$/.test(text)) text = `https://github.com/${text}`;
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[a-z]{2,}):(?!\/\/)(.+)$/i.exec(text);
  if (scp) text = `https://${scp[1]}/${scp[2]}`;
  text = text.replace(/^git\+/i, '');

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'git:', 'ssh:'].includes(url.protocol) || url.hostname === '') return undefined;
  const host = url.hostname.toLowerCase();
  let segments = url.pathname.split('/').filter((s) => s !== '');
  // GitLab subgroups nest, but `/-/` starts a page of the project; GitHub and Bitbucket have exactly owner/repo.
  const dash = segments.indexOf('-');
  if (dash !== -1) segments = segments.slice(0, dash);
  if (host === 'github.com' || host === 'bitbucket.org') segments = segments.slice(0, 2);
  if (segments.length < 2) return undefined;
  const last = segments.length - 1;
  segments[last] = segments[last]!.replace(/\.git$/i, '');
  const path = segments.join('/');
  return `https://${host}/${host === 'github.com' ? path.toLowerCase() : path}`;
}

/** Whether two repository URLs name the same repository, whatever their spelling. */
export function sameRepository(a: string, b: string): boolean {
  const left = normaliseRepositoryUrl(a);
  return left !== undefined && left === normaliseRepositoryUrl(b);
}
