import type { SourceKind } from '../../core/model.js';

const GIT = /^(git\+|git:|git@|github:|gitlab:|bitbucket:|ssh:)|\.git(#|$)|^https?:\/\/codeload\.github\.com\//;

/**
 * Where a yarn v1 package comes from, read from its `resolved` URL (or, when
 * the entry has none, from the range it was asked for).
 */
export function classicSource(resolved: string | undefined, range: string): SourceKind {
  const where = resolved ?? range;
  if (GIT.test(where)) return 'git';
  if (where.startsWith('file:')) return 'file';
  if (where.startsWith('link:')) return 'link';
  if (where.startsWith('https://') || where.startsWith('http://')) {
    // Registry tarballs live at <registry>/<name>/-/<file>.tgz.
    return where.includes('/-/') ? 'registry' : 'remote';
  }
  return 'unknown';
}

/** Where a yarn berry package comes from, read from the reference of its `resolution` locator. */
export function berrySource(reference: string): SourceKind {
  if (reference.startsWith('npm:')) return 'registry';
  if (reference.startsWith('workspace:')) return 'workspace';
  if (reference.startsWith('patch:')) {
    // patch:<name>@<url-encoded base reference>#<patch>: the bits come from the base.
    const inner = decodeSafe(reference.slice(6, reference.indexOf('#') < 0 ? undefined : reference.indexOf('#')));
    const at = inner.indexOf('@', inner.startsWith('@') ? 1 : 0);
    return at > 0 ? berrySource(inner.slice(at + 1)) : 'unknown';
  }
  if (GIT.test(reference)) return 'git';
  if (reference.startsWith('https:') || reference.startsWith('http:')) return 'remote';
  if (reference.startsWith('file:')) return 'file';
  if (reference.startsWith('link:') || reference.startsWith('portal:')) return 'link';
  return 'unknown';
}

export function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
