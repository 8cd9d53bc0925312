import { ParseError } from '../../core/errors.js';
import type { Limits } from '../../core/limits.js';
import { tooLarge } from '../../core/read-text.js';

/** @throws {ParseError} TOO_LARGE */
export function assertSize(byteLength: number, path: string, limits: Limits): void {
  if (byteLength > limits.maxBytes) throw tooLarge(path, byteLength, limits.maxBytes);
}

/**
 * Refuses text whose UTF-8 encoding is over the size limit. Parsers call it on
 * content handed to them directly (not only through readText); a UTF-16
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
