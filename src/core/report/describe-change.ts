import type { Change } from '../diff/change.js';

/** `4.18.2 → 4.21.2`, `+ 1.3.0`, `- 1.3.0`: the version part of a change. */
export function versionTransition(change: Change): string {
  if (change.type === 'added') return change.to ?? '';
  if (change.type === 'removed') return change.from ?? '';
  if (change.type === 'changed') return change.changedFields?.length ? `${change.to ?? ''} (${change.changedFields.join(', ')} differ)` : (change.to ?? '');
  return `${change.from ?? ''} → ${change.to ?? ''}`;
}

/** `. > express@4.21.2 > qs@6.13.0`: the first path that brings a change in. */
export function firstPath(change: Change): string | undefined {
  const path = change.paths[0];
  return path ? [path.workspace, ...path.packages].join(' > ') : undefined;
}
