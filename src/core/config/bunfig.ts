import { ConfigError } from '../errors.js';
import { assertSize, parseAmount } from './limits.js';
import type { AgeGate } from './npmrc.js';

/**
 * `bunfig.toml` `[install] minimumReleaseAge`, in **seconds** (also written `install.minimumReleaseAge`
 * at the top level) — https://bun.com/docs/runtime/bunfig#install-minimumreleaseage
 * A line reader for this one key, not a TOML parser: it follows `[table]` headers and skips the
 * inside of multi-line arrays and strings so a value there is never mistaken for the setting.
 * @throws {ConfigError} INVALID_VALUE for a value that is not a non-negative integer or number; MALFORMED for the key set twice.
 */
export function readBunfig(file: string, content: string): AgeGate[] {
  assertSize(file, content);
  let table = '';
  let openArrays = 0;
  let openString: string | undefined;
  let found: { seconds: number; line: number } | undefined;
  const lines = content.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trim();
    if (openString) {
      if (line.includes(openString)) openString = undefined;
      continue;
    }
    if (openArrays > 0) {
      openArrays += bracketBalance(line);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$/.exec(line);
    if (header && !line.startsWith('[[')) {
      table = header[1]!.replace(/\s+/g, '').replace(/"/g, '');
      continue;
    }
    if (line.startsWith('[[')) {
      table = line;
      continue;
    }
    const assignment = /^([A-Za-z0-9_."-]+?)\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    const key = assignment[1]!.replace(/"/g, '');
    const value = assignment[2]!;
    const multiline = /^("""|''')/.exec(value);
    if (multiline && value.indexOf(multiline[1]!, 3) < 0) openString = multiline[1];
    else if (value.startsWith('[')) openArrays = Math.max(0, bracketBalance(value));
    const fullKey = table ? `${table}.${key}` : key;
    if (fullKey !== 'install.minimumReleaseAge') continue;
    const text = value.replace(/\s+#.*$/, '').trim();
    const seconds = parseAmount(text);
    if (seconds === undefined || /^["']/.test(text)) {
      throw new ConfigError('INVALID_VALUE', file, `install.minimumReleaseAge must be a non-negative number of seconds, not ${JSON.stringify(text.slice(0, 40))}`, { line: index + 1, column: lines[index]!.indexOf('=') + 2 });
    }
    if (found) throw new ConfigError('MALFORMED', file, `install.minimumReleaseAge is set twice (first on line ${found.line})`, { line: index + 1, column: 1 });
    found = { seconds, line: index + 1 };
  }
  return found ? [{ file, key: 'install.minimumReleaseAge', hours: found.seconds / 3600 }] : [];
}

/** `[` minus `]` outside quoted strings on one line. */
function bracketBalance(line: string): number {
  let balance = 0;
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#') break;
    else if (char === '[') balance++;
    else if (char === ']') balance--;
  }
  return balance;
}
