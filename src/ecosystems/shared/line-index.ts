/** Helpers the per-format line indexers (`<ecosystem>/lines.ts`) share. */

/** `name@version` → 1-based line of the package's entry in one lockfile; the bare `name` → its first entry. */
export type LineIndex = Map<string, number>;

/** Records an entry's line under `name@version` and the bare `name`, keeping the first line of each. */
export function recordLine(index: LineIndex, name: string | undefined, version: string | undefined, line: number): void {
  if (!name) return;
  // An entry without a version (a folder or git package whose package.json has none) is found by its name alone.
  for (const key of version ? [`${name}@${version}`, name] : [name]) {
    const known = index.get(key);
    if (known === undefined || line < known) index.set(key, line);
  }
}

/** `name` of `name@range` / `@scope/name@range`. */
export function nameOfSpec(spec: string): string | undefined {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : undefined;
}

/** A JSON string body as written (escapes and all) → its value; left as is when it is not one. */
export function unquoteJson(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** A YAML scalar with or without quotes → its text. */
export function unquoteYaml(value: string): string {
  const v = value.trim();
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
}
