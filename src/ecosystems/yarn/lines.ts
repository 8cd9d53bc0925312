import { type LineIndex, nameOfSpec, recordLine as record, unquoteYaml } from '../shared/line-index.js';

/** yarn.lock, classic (`name@range:` + `version "x"`) and berry (`"name@npm:range":` + `version: x` + `resolution:`). */
export function indexYarnLines(content: string): LineIndex {
  const lines = content.split('\n');
  const index = new Map<string, number>();
  let entry: { line: number; descriptors: string; version?: string; resolution?: string } | undefined;
  const flush = (): void => {
    if (!entry) return;
    const name = entry.resolution ? nameOfSpec(entry.resolution) : classicName(entry.descriptors);
    record(index, name, entry.version, entry.line);
    entry = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trimEnd();
    if (text === '' || text.startsWith('#')) continue;
    if (!text.startsWith(' ')) {
      flush();
      if (text.endsWith(':') && !text.startsWith('__metadata')) entry = { line: i + 1, descriptors: text.slice(0, -1) };
      continue;
    }
    if (!entry || text[2] === ' ') continue;
    const field = /^ {2}(version|resolution):? (.*)$/u.exec(text);
    if (field) entry[field[1] as 'version' | 'resolution'] = unquoteYaml(field[2]!);
  }
  flush();
  return index;
}

/**
 * `"lodash3@npm:lodash@3.10.1", x@^1` → `lodash`; `accepts@~1.3.8` → `accepts`.
 * An `npm:` alias names the package wherever it stands: a resolution to an
 * alias merges the overridden descriptors into its entry (`"@types/react@*", "@types/react@npm:types-react@19.0.0"`).
 */
function classicName(descriptors: string): string | undefined {
  let first: string | undefined;
  for (const part of descriptors.split(',')) {
    const descriptor = unquoteYaml(part);
    const name = nameOfSpec(descriptor);
    if (!name) continue;
    first ??= name;
    const range = descriptor.slice(name.length + 1);
    if (range.startsWith('npm:')) return nameOfSpec(range.slice(4)) ?? name;
  }
  return first;
}
