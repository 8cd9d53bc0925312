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
    if (!inPackages) continue;
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

