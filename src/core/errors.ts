/** Failures (not findings). Each has a typed `code` that tests assert on and shells map to exit codes. */

export type InputErrorCode =
  | 'TOO_LARGE'
  | 'INVALID_ENCODING'
  | 'MALFORMED'
  | 'UNSUPPORTED_VERSION'
  | 'UNKNOWN_FORMAT'
  | 'LIMIT_EXCEEDED'
  | 'CONFLICT'
  | 'INVALID_NAME'
  | 'NOT_FOUND';

/** A lockfile, SBOM or other input that cannot be read. The message names the file and the reason. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly code: InputErrorCode,
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** The user asked for something that cannot be done as asked (bad flag, unknown ref). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly code: 'BAD_ARGUMENT' | 'NOT_FOUND' | 'NO_LOCKFILE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
