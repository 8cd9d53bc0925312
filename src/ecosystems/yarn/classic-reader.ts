import { ParseError } from '../../core/errors.js';
import { quote } from '../shared/names.js';

/** yarn v1 nests three levels (entry, field, dependency); deeper means this is not a v1 lockfile. */
const MAX_DEPTH = 8;

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const HASH = 35;
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;

type Mapping = Record<string, unknown>;

/**
 * Reads a yarn v1 lockfile into the tree `parseSyml` (@yarnpkg/parsers)
 * builds from it: mappings of strings (`null` for a bare `null`), one object
 * shared by every key of an `a@^1, a@^1.2:` line. It takes the lines yarn 1
 * writes — two-space indentation, `key value`, `key:` opening a block, quoted
 * strings with JSON escapes, `#` comment lines — and refuses everything else,
 * including some oddities `parseSyml` would read (lists, `key: value`,
 * repeated keys inside an entry); whatever it accepts, `parseSyml` reads to
 * the same tree. One pass over the text, no recursion.
 * @throws {ParseError} MALFORMED with the line number; CONFLICT when a top-level key appears twice
 */
export function readClassicLockfile(content: string, path: string): Mapping {
  const root: Mapping = {};
  // open[d] is the mapping that lines indented by 2·d spaces write into.
  const open: Mapping[] = [root];
  let top = 0;
  const line = new LineScanner(content, path);
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) end = content.length;
    const next = end + 1;
    if (end > start && content.charCodeAt(end - 1) === 13) end--;
    line.reset(start, end);
    start = next;

    const indent = line.skipSpaces();
    if (line.atBlankOrComment()) continue;
    if (indent % 2 !== 0) line.fail('is indented by an odd number of spaces');
    const depth = indent / 2;
    if (depth > top) line.fail('is indented deeper than the line before allows');
    top = depth;
    const target = open[depth] as Mapping;

    const keys = [line.readKey()];
    let blanks = line.skipBlanks();
    while (line.peek() === COMMA) {
      line.pos++;
      line.skipBlanks();
      keys.push(line.readKey());
      blanks = line.skipBlanks();
    }
    if (line.peek() === COLON) {
      line.pos++;
      line.skipBlanks();
      if (!line.atEnd()) line.fail('has text after ":" (yarn v1 writes "key value" or "key:" and a block)');
      if (depth + 1 >= MAX_DEPTH) line.fail('nests deeper than a yarn v1 lockfile does');
      const block: Mapping = {};
      for (const key of keys) assign(target, key, block, depth, line);
      top = depth + 1;
      open[top] = block;
      continue;
    }
    if (keys.length > 1) line.fail('lists several keys without a ":"');
    if (blanks === 0 || line.atEnd()) line.fail(`has key ${quote(keys[0] ?? '')} without a value`);
    const value = line.readValue();
    if (!line.atEnd()) line.fail('has text after the value');
    assign(target, keys[0] ?? '', value, depth, line);
  }
  return root;
}

function assign(target: Mapping, key: string, value: unknown, depth: number, line: LineScanner): void {
  if (key === '__proto__') line.fail('has a "__proto__" key');
  // Values are never undefined, so the cheap read settles most keys; inherited names (`toString`) need hasOwn.
  if (target[key] !== undefined && Object.hasOwn(target, key)) {
    if (depth === 0) throw new ParseError('CONFLICT', line.file, `lists ${quote(key)} in two entries`);
    line.fail(`repeats the key ${quote(key)}`);
  }
  target[key] = value;
}

/** A cursor over one line (without its line break). */
class LineScanner {
  pos = 0;
  private end = 0;
  private number = 0;

  constructor(
    private readonly text: string,
    readonly file: string,
  ) {}

  /** Moves to the next line, `text[start, end)`. */
  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
    this.number++;
  }

  fail(reason: string): never {
    throw new ParseError('MALFORMED', this.file, `line ${this.number}: ${reason}`);
  }

  peek(): number {
    return this.pos < this.end ? this.text.charCodeAt(this.pos) : -1;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  skipSpaces(): number {
    const from = this.pos;
    while (this.pos < this.end && this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    return this.pos - from;
  }

  skipBlanks(): number {
    const from = this.pos;
    for (let c = this.peek(); c === SPACE || c === TAB; c = this.peek()) this.pos++;
    return this.pos - from;
  }

  /** Blank lines and `# …` comment lines (at any indentation) carry nothing. */
  atBlankOrComment(): boolean {
    // Called after the leading spaces: anything more is a tab (or spaces after one).
    const tabbed = this.skipBlanks() > 0;
    if (this.atEnd()) return true;
    if (this.peek() !== HASH) {
      if (tabbed) this.fail('is indented with a tab');
      return false;
    }
    if (this.pos + 1 >= this.end) this.fail('has an empty comment');
    this.assertPrintable(this.pos + 1, this.end);
    return true;
  }

  /** A quoted key, or a bare one as yarn writes them (`lodash@^4.17.21`, `version`). */
  readKey(): string {
    if (this.peek() === QUOTE) return this.readQuoted();
    return this.readBare('key');
  }

  /** A quoted string, a bare word (`sha512-…`, `true`), or `null`. */
  readValue(): string | null {
    if (this.peek() === QUOTE) return this.readQuoted();
    const word = this.readBare('value');
    if (word === 'null') return null;
    // parseSyml reads `null` and then fails on the rest of such a word.
    if (word.startsWith('null')) this.fail(`has a value ${quote(word)} the yarn grammar cannot read`);
    return word;
  }

  private readBare(what: string): string {
    const from = this.pos;
    if (!isAlphanumeric(this.peek())) this.fail(`has a ${what} that starts with an unexpected character`);
    while (this.pos < this.end && isBareChar(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(from, this.pos);
  }

  /** A double-quoted string with JSON's escapes; raw control characters (and DEL) are refused, as yarn's grammar does. */
  private readQuoted(): string {
    const from = this.pos;
    let escaped = false;
    this.pos++;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c === QUOTE) {
        this.pos++;
        const raw = this.text.slice(from, this.pos);
        return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      if (c < 32 || c === 127) this.fail('has a control character in a string');
      if (c === BACKSLASH) {
        escaped = true;
        const e = this.text[this.pos + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('has a bad \\u escape');
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.fail('has an unknown escape in a string');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    return this.fail('has a string without its closing quote');
  }

  private assertPrintable(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if ((c < 32 && c !== TAB) || c === 127) this.fail('has a control character');
    }
  }
}

function isAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Characters a bare key or value may hold: what yarn 1's writer leaves
 * unquoted (anything but blanks, `:`, `,`, `"`, backslash, `[` and `]`), which
 * parseSyml reads as part of the word — `#` included, as in the git
 * dependency `x@user/repo#v1.0.0`. No control characters.
 */
function isBareChar(c: number): boolean {
  if (c <= 32 || c === 127) return false;
  switch (c) {
    case COMMA:
    case COLON:
    case QUOTE:
    case BACKSLASH:
    case 91: // [
    case 93: // ]
      return false;
    default:
      return true;
  }
}
