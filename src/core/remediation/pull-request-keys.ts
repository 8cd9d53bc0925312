/**
 * The deterministic names that let a retry, a redelivery or a restart find the
 * remediation pull request it already opened: the head branch and a hidden
 * marker in the body. Advisory ids and package names are untrusted: they are
 * reduced to characters a git ref and an HTML comment can hold.
 */

/** One pull request per (repository, advisory, lockfile): the marker says which. */
export function remediationMarker(advisory: string, lockfile: string): string {
  return `<!-- chaingate:remediation advisory=${encodeURIComponent(advisory)} lockfile=${encodeURIComponent(lockfile)} -->`;
}

/**
 * `chaingate/patch/GHSA-xvch-5gv4-984h/minimist`, `chaingate/revert/MAL-2025-46974/debug`;
 * a lockfile below the root adds its folder (`minimist+apps-web`), flat, so no branch
 * name is a prefix folder of another (git refuses `a/b` next to `a/b/c`).
 */
export function remediationBranch(strategy: 'patch' | 'revert', advisory: string, pkg: string, lockfile: string): string {
  const dir = lockfile.includes('/') ? lockfile.slice(0, lockfile.lastIndexOf('/')) : '';
  const where = dir === '' ? '' : `+${refPart(dir.replace(/\//gu, '-'))}`;
  return `chaingate/${strategy}/${refPart(advisory)}/${refPart(pkg)}${where}`;
}

/**
 * A string git accepts inside a ref (git-check-ref-format): allowed characters only, no `..`,
 * no `@{`, no component starting with `.` or ending with `.lock`, bounded length. Scoped npm
 * names keep their one `/` (`@types/node`).
 */
function refPart(text: string): string {
  const cleaned = text
    .slice(0, 100)
    .replace(/[^A-Za-z0-9._@/+-]/gu, '-')
    .replace(/\.{2,}/gu, '.')
    .replace(/@\{/gu, '-')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/^\.+/u, '-').replace(/\.lock$/u, '-lock').replace(/\.$/u, '-'))
    .join('/');
  return cleaned === '' || cleaned === '@' ? '-' : cleaned;
}
