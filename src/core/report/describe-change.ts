import type { Change } from '../diff/change.js';
import { PATH_TAIL } from '../graph/paths.js';

/** `4.18.2 → 4.21.2`, `+ 1.3.0`, `- 1.3.0`: the version part of a change. */
export function versionTransition(change: Change): string {
  if (change.type === 'added') return change.to ?? '';
  if (change.type === 'removed') return change.from ?? '';
  if (change.type === 'changed') return change.changedFields?.length ? `${change.to ?? ''} (${change.changedFields.join(', ')} differ)` : (change.to ?? '');
  return `${change.from ?? ''} → ${change.to ?? ''}`;
}

/**
 * `. > express@4.21.2 > qs@6.13.0`: the first path that brings a change in;
 * a very long one shows its ends and says how much it left out
 * (`. > a@1 > … 9,984 more … > z@1`).
 */
export function firstPath(change: Change): string | undefined {
  const path = change.paths[0];
  if (!path) return undefined;
  if (!path.omitted) return [path.workspace, ...path.packages].join(' > ');
  const cut = Math.max(0, path.packages.length - PATH_TAIL);
  return [path.workspace, ...path.packages.slice(0, cut), `… ${path.omitted.toLocaleString('en-US')} more …`, ...path.packages.slice(cut)].join(' > ');
}
