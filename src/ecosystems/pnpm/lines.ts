import { type LineIndex, nameOfSpec, recordLine as record, unquoteYaml } from '../shared/line-index.js';

/** pnpm-lock.yaml 5.x (`/name/1.0.0_peer:`), 6.0 (`/name@1.0.0(peer):`) and 9.0 (`name@1.0.0:` under packages and snapshots). */
export function indexPnpmLines(content: string): LineIndex {
  const lines = content.split('\n');
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
function recordPnpmLink(index: LineIndex, lines: readonly string[], i: number): void {
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

