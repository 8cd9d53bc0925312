import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Turns raw bytes into text, refusing oversize files and invalid UTF-8.
 * @throws {ParseError} TOO_LARGE or INVALID_ENCODING
 */
export function decodeInput(bytes: Uint8Array, path: string, limits: Limits): string {
  assertSize(bytes.byteLength, path, limits);
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new ParseError('INVALID_ENCODING', path, 'is not valid UTF-8 text', { cause });
  }
}

/** @throws {ParseError} TOO_LARGE */
export function assertSize(byteLength: number, path: string, limits: Limits): void {
  if (byteLength > limits.maxBytes) {
    throw new ParseError(
      'TOO_LARGE',
      path,
      `is ${formatBytes(byteLength)}, over the ${formatBytes(limits.maxBytes)} limit (raise it with --max-file-size)`,
    );
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}

/**
 * Refuses text whose UTF-8 encoding is over the size limit. Parsers call it on
 * content handed to them directly (not only through decodeInput); a UTF-16
 * code unit is at most 3 UTF-8 bytes, so short text needs no counting.
 * @throws {ParseError} TOO_LARGE
 */
export function assertTextSize(content: string, path: string, limits: Limits): void {
  if (content.length * 3 > limits.maxBytes) assertSize(Buffer.byteLength(content, 'utf8'), path, limits);
}

/** Parses JSON, turning a syntax error into a ParseError that names the file. */
export function parseJson(content: string, path: string): unknown {
  try {
    return JSON.parse(content);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ParseError('MALFORMED', path, `is not valid JSON (${detail})`, { cause });
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
