import type { OpenSibling } from '../types.js';
import { isRecord } from '../shared/text.js';

/**
 * The root package.json beside a v1 lockfile, which is the only place that
 * says which packages are direct and how. `undefined` when it cannot be opened
 * or read: the caller falls back to the lockfile alone.
 */
export async function readSiblingManifest(
  openSibling: OpenSibling | undefined,
  relativePath: string,
): Promise<Record<string, unknown> | undefined> {
  if (!openSibling) return undefined;
  try {
    const text = await openSibling(relativePath);
    if (text === undefined) return undefined;
    const manifest: unknown = JSON.parse(text);
    return isRecord(manifest) ? manifest : undefined;
  } catch {
    // An unreadable package.json is not the lockfile's fault; the lockfile alone still gives a graph.
    return undefined;
  }
}
