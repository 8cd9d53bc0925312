import { type LineIndex, nameOfSpec, recordLine as record, unquoteJson } from '../shared/line-index.js';

const BUN_ENTRY = /^ {4}"(?:[^"\\]|\\.)*":\s*\["((?:[^"\\]|\\.)*)"/u;

/** bun.lock: `"key": ["name@version", …]` inside `"packages"`. */
export function indexBunLines(content: string): LineIndex {
  const lines = content.split('\n');
  const index = new Map<string, number>();
  let inPackages = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (/^ {2}"/u.test(text)) {
      inPackages = text.startsWith('  "packages":');
      continue;
    }
    if (!inPackages) continue;
    const match = BUN_ENTRY.exec(text);
    if (!match) continue;
    const spec = unquoteJson(match[1]!);
    const name = nameOfSpec(spec);
    if (name) record(index, name, spec.slice(name.length + 1), i + 1);
  }
  return index;
}
