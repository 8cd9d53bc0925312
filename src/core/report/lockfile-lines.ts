import type { LockfileFormat } from '../model.js';

/** `name@version` → 1-based line of the package's entry in one lockfile; the bare `name` → its first entry. */
export type PackageLineIndex = ReadonlyMap<string, number>;

/** Lockfile path (as in `Change.lockfile`) → its package line index. */
export type LockfileLines = ReadonlyMap<string, PackageLineIndex>;

/**
 * Where each package's entry starts in a lockfile, so annotations and SARIF
 * results can point at the line that brought a package in. One pass over the
 * text, no parse: it relies on the layout the package managers write (one key
 * per line), and a package it cannot place simply has no line. The first
 * entry of a `name@version` wins. The bare `name` maps to the package's first
 * entry at any version, a fallback for versions a lockfile does not spell
 * out (npm v1 `file:` folders, bun workspaces).
 */
export function indexPackageLines(content: string, format: LockfileFormat): Map<string, number> {
  const lines = content.split('\n');
  switch (format) {
    case 'npm-package-lock':
      return indexNpm(lines);
    case 'yarn-classic':
    case 'yarn-berry':
      return indexYarn(lines);
    case 'pnpm-lock':
      return indexPnpm(lines);
    case 'bun-lock':
      return indexBun(lines);
    default:
      return new Map();
  }
}

/** The 1-based line of one package's entry; index once with {@link indexPackageLines} when looking up many. */
export function findPackageLine(content: string, format: LockfileFormat, name: string, version: string): number | undefined {
  return indexPackageLines(content, format).get(`${name}@${version}`);
}

/** The line of a package in a lockfile (its entry, else the first entry of its name), if that lockfile was indexed. */
export function lineOf(lines: LockfileLines | undefined, lockfile: string, name: string, version: string): number | undefined {
  const index = lines?.get(lockfile);
  return index?.get(`${name}@${version}`) ?? index?.get(name);
}

function record(index: Map<string, number>, name: string | undefined, version: string | undefined, line: number): void {
  if (!name) return;
  // An entry without a version (a folder or git package whose package.json has none) is found by its name alone.
  for (const key of version ? [`${name}@${version}`, name] : [name]) {
    const known = index.get(key);
    if (known === undefined || line < known) index.set(key, line);
  }
}

/** `name` of `name@range` / `@scope/name@range`. */
function nameOfSpec(spec: string): string | undefined {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : undefined;
}

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

function unquoteJson(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** package-lock v2/v3 `packages["node_modules/…"]` and v1 nested `dependencies`. */
function indexNpm(lines: readonly string[]): Map<string, number> {
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

/** yarn.lock, classic (`name@range:` + `version "x"`) and berry (`"name@npm:range":` + `version: x` + `resolution:`). */
function indexYarn(lines: readonly string[]): Map<string, number> {
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

function unquoteYaml(value: string): string {
  const v = value.trim();
  return (v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")) ? v.slice(1, -1) : v;
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

/** pnpm-lock.yaml 5.x (`/name/1.0.0_peer:`), 6.0 (`/name@1.0.0(peer):`) and 9.0 (`name@1.0.0:` under packages and snapshots). */
function indexPnpm(lines: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  let v5 = false;
  let inPackages = false;
  let entry: { line: number; name?: string; version?: string } | undefined;
  const flush = (): void => {
    if (entry) record(index, entry.name, entry.version, entry.line);
    entry = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trimEnd();
    if (text === '' || text.trimStart().startsWith('#')) continue;
    if (!text.startsWith(' ')) {
      flush();
      const version = /^lockfileVersion: ['"]?(\d+)/u.exec(text);
      if (version) v5 = Number(version[1]) < 6;
      inPackages = text === 'packages:' || text === 'snapshots:';
      continue;
    }
    if (!inPackages) {
      recordPnpmLink(index, lines, i);
      continue;
    }
    if (text[2] !== ' ') {
      flush();
      const key = /^ {2}(.+?):(?: \{.*\})?$/u.exec(text);
      if (key) entry = { line: i + 1, ...pnpmKey(unquoteYaml(key[1]!), v5) };
      continue;
    }
    const field = /^ {4}(name|version): (.+)$/u.exec(text);
    if (entry && field) entry[field[1] as 'name' | 'version'] = unquoteYaml(field[2]!);
  }
  flush();
  return index;
}

/**
 * An importer's `link:` to a folder that is not an importer has no entry of
 * its own: its line is the dependency's (5.x `alias: link:dir`; 6.0+ the
 * `alias:` line above `version: link:dir`), found by the alias and by the
 * folder's name, which names the package when its package.json has none.
 */
function recordPnpmLink(index: Map<string, number>, lines: readonly string[], i: number): void {
  const link = /^ {4,}([^\s:][^:]*): link:(.+)$/u.exec(lines[i]!.trimEnd());
  if (!link || link[1] === 'specifier') return;
  const folder = unquoteYaml(link[2]!);
  // A link to an importer (`link:../..`) names a workspace, not a package: nothing to place by folder name.
  const last = folder.slice(folder.lastIndexOf('/') + 1);
  const base = last.startsWith('.') ? undefined : last;
  if (link[1] !== 'version') {
    for (const name of [unquoteYaml(link[1]!), base]) record(index, name, undefined, i + 1);
    return;
  }
  // 6.0+: `alias:`, then `specifier: …` and `version: link:…` below it, in either order.
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const alias = /^ {4,}(\S[^:]*):$/u.exec(lines[j]!.trimEnd());
    if (!alias) continue;
    for (const name of [unquoteYaml(alias[1]!), base]) record(index, name, undefined, j + 1);
    return;
  }
}

function pnpmKey(raw: string, v5: boolean): { name?: string; version?: string } {
  const key = raw.startsWith('/') ? raw.slice(1) : raw;
  if (v5) {
    const parts = key.split('/');
    const scoped = key.startsWith('@');
    if (parts.length !== (scoped ? 3 : 2)) return {};
    return { name: scoped ? `${parts[0]}/${parts[1]}` : parts[0], version: parts[parts.length - 1]!.split('_')[0] };
  }
  const bare = key.includes('(') ? key.slice(0, key.indexOf('(')) : key;
  const name = nameOfSpec(bare);
  return name ? { name, version: bare.slice(name.length + 1) } : {};
}

const BUN_ENTRY = /^ {4}"(?:[^"\\]|\\.)*":\s*\["((?:[^"\\]|\\.)*)"/u;

/** bun.lock: `"key": ["name@version", …]` inside `"packages"`. */
function indexBun(lines: readonly string[]): Map<string, number> {
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
