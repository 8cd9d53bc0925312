import { type LineIndex, nameOfSpec, recordLine as record, unquoteJson } from '../shared/line-index.js';

const JSON_OPEN = /^(\s*)(?:"((?:[^"\\]|\\.)*)":\s*)?\{$/u;
const JSON_STRING = /^(\s*)"((?:[^"\\]|\\.)*)":\s*"((?:[^"\\]|\\.)*)",?$/u;
const JSON_CLOSE = /^\s*\},?$/u;

interface JsonFrame {
  readonly key: string;
  readonly line: number;
  readonly indent: number;
  name?: string;
  version?: string;
  resolved?: string;
}

/** v2/v3 local folders (`"local-lib": {version}`) are named only by the link to them (`"node_modules/x": {resolved: "local-lib"}`). */
interface NpmFolders {
  readonly unnamed: Map<string, { version: string | undefined; line: number }>;
  readonly links: Map<string, string>;
}

/** package-lock v2/v3 `packages["node_modules/…"]` and v1 nested `dependencies`. */
export function indexNpmLines(content: string): LineIndex {
  const lines = content.split('\n');
  const index = new Map<string, number>();
  const folders: NpmFolders = { unnamed: new Map(), links: new Map() };
  const stack: JsonFrame[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trimEnd();
    // Cheap character checks first: most lines (integrity, dependency ranges) need no regex.
    const last = text.charCodeAt(text.length - 1);
    if (last === 0x7b /* { */) {
      const open = JSON_OPEN.exec(text);
      if (open) stack.push({ key: unquoteJson(open[2] ?? ''), line: i + 1, indent: open[1]!.length });
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) continue;
    const first = text.charCodeAt(top.indent + 2);
    if (first === 0x22 /* " */ && text.charCodeAt(top.indent + 1) === 0x20) {
      if (!/^"(?:version|name|resolved)"/u.test(text.slice(top.indent + 2))) continue;
      const prop = JSON_STRING.exec(text);
      if (!prop || prop[1]!.length !== top.indent + 2) continue;
      if (prop[2] === 'version') top.version = unquoteJson(prop[3]!);
      else if (prop[2] === 'name') top.name = unquoteJson(prop[3]!);
      else top.resolved = unquoteJson(prop[3]!);
      continue;
    }
    // Every `{` line was pushed, so a `}` closes the top frame, at its indent.
    if (text.charCodeAt(top.indent) !== 0x7d /* } */ || text.length > top.indent + 2 || !JSON_CLOSE.test(text)) continue;
    stack.pop();
    recordNpmEntry(index, folders, stack, top);
  }
  for (const [folder, { version, line }] of folders.unnamed) record(index, folders.links.get(folder), version, line);
  return index;
}

function recordNpmEntry(index: Map<string, number>, folders: NpmFolders, parents: readonly JsonFrame[], frame: JsonFrame): void {
  if (parents.length === 2 && parents[1]!.key === 'packages' && frame.key !== '') {
    const at = frame.key.lastIndexOf('node_modules/');
    const name = frame.name ?? (at >= 0 ? frame.key.slice(at + 'node_modules/'.length) : undefined);
    if (at >= 0 && frame.resolved !== undefined && frame.version === undefined) folders.links.set(frame.resolved, name!);
    else if (name === undefined) folders.unnamed.set(frame.key, { version: frame.version, line: frame.line });
    record(index, name, frame.version, frame.line);
    return;
  }
  // v1: "dependencies" > name > "dependencies" > name …
  if (parents.length < 2 || parents.length % 2 !== 0) return;
  for (let d = 1; d < parents.length; d += 2) if (parents[d]!.key !== 'dependencies') return;
  const version = frame.version;
  if (version?.startsWith('npm:')) {
    const spec = version.slice(4);
    record(index, nameOfSpec(spec), spec.slice((nameOfSpec(spec) ?? '').length + 1), frame.line);
    return;
  }
  record(index, frame.key, version, frame.line);
}

