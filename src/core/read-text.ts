import { ParseError } from './errors.js';
import type { RepoFiles } from './ports.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The one way untrusted bytes become text: refused over `maxBytes` (the
 * error carries the limit, so each shell can name its own knob) and refused
 * when they are not UTF-8.
 * @throws {ParseError} TOO_LARGE or INVALID_ENCODING, naming the file
 */
export function decodeText(bytes: Uint8Array, path: string, maxBytes: number): string {
  if (bytes.byteLength > maxBytes) throw tooLarge(path, bytes.byteLength, maxBytes);
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ParseError('INVALID_ENCODING', path, 'is not valid UTF-8 text', { cause });
  }
}

/**
 * Reads one file of a tree as text, bounded by `maxBytes` before it is read whole.
 * @returns `undefined` when the tree has no such file
 * @throws {ParseError} TOO_LARGE or INVALID_ENCODING
 */
export async function readText(files: RepoFiles, path: string, maxBytes: number): Promise<string | undefined> {
  const bytes = await files.readFile(path, maxBytes);
  return bytes === undefined ? undefined : decodeText(bytes, path, maxBytes);
}

/** The error every size check raises, so all of them read alike. */
export function tooLarge(path: string, size: number, maxBytes: number, where = ''): ParseError {
  return new ParseError('TOO_LARGE', path, `is ${formatBytes(size)}${where}, over the ${formatBytes(maxBytes)} limit`, { limit: maxBytes });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}
