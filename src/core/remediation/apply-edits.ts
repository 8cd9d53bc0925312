import type { ManifestEdit } from './types.js';

/**
 * Applies the plan's edits for one manifest to its text, keeping its
 * indentation and final newline. Keys are set in place (new keys last), so a
 * reviewer sees only the lines that changed. `pinned` writes each raised
 * range's exact version instead (the first pass of a regeneration).
 * @throws {TypeError} when the text is not a JSON object or an edit crosses a non-object value.
 */
export function applyManifestEdits(text: string, edits: readonly ManifestEdit[], options: { readonly pinned?: boolean } = {}): string {
  const manifest: unknown = JSON.parse(text);
  if (!isRecord(manifest)) throw new TypeError('the manifest is not a JSON object');
  for (const edit of edits) {
    let at: Record<string, unknown> = manifest;
    for (const part of edit.key.slice(0, -1)) {
      const next = at[part] ?? {};
      if (!isRecord(next)) throw new TypeError(`${edit.key.join('.')}: ${part} is not an object`);
      at[part] = next;
      at = next;
    }
    at[edit.key[edit.key.length - 1]!] = options.pinned && edit.pin !== undefined ? edit.pin : edit.to;
  }
  const indent = /\n([ \t]+)"/u.exec(text)?.[1] ?? '  ';
  return JSON.stringify(manifest, null, indent) + (text.endsWith('\n') ? '\n' : '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
