import type { SourceKind } from '../../core/model.js';

/**
 * Where an entry's bits come from, judged from its `resolved` field. npm
 * leaves `resolved` out for registry packages when
 * `omit-lockfile-registry-resolved` is set and for bundled packages, so
 * "no resolved" reads as the registry.
 */
export function sourceOf(resolved: string | undefined): SourceKind {
  if (resolved === undefined) return 'registry';
  if (resolved.startsWith('https://') || resolved.startsWith('http://')) {
    // Registry tarballs, public or private (Artifactory, Verdaccio, GitHub Packages), live under `/-/`.
    return resolved.includes('/-/') ? 'registry' : 'remote';
  }
  if (resolved.startsWith('git+') || resolved.startsWith('git:') || resolved.startsWith('github:')) return 'git';
  if (resolved.startsWith('file:')) return 'file';
  return 'unknown';
}
