import { redactCredentials } from './redact.js';

/**
 * Failures (not findings). Each has a typed `code` that tests assert on and shells map to exit codes.
 * Messages often quote lockfile values, so credentials in URLs are removed from every one.
 */

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
    options?: { cause?: unknown; limit?: number },
  ) {
    super(redactCredentials(`${file}: ${reason}`), options);
    this.limit = options?.limit;
  }
  /**
   * For `TOO_LARGE`: the byte limit the file went over, so a shell can name
   * its own knob for that limit (the CLI's `--max-file-size`) without
   * matching message text.
   */
  readonly limit: number | undefined;
}

export type UsageErrorCode =
  | 'BAD_ARGUMENT'
  | 'NOT_FOUND'
  | 'NO_LOCKFILE'
  /** A revision is missing from a shallow clone: fetch more history. */
  | 'SHALLOW_CLONE'
  /** An argument names both a file in the working tree and a git revision. */
  | 'AMBIGUOUS'
  /** A path the run trusts (advisories, policy) is changed by the change under review. */
  | 'UNTRUSTED_PATH';

/** The user asked for something that cannot be done as asked (bad flag, unknown ref). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    readonly code: UsageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(redactCredentials(message), options);
  }
}

export type UpstreamErrorCode = 'TIMEOUT' | 'RATE_LIMITED' | 'SERVER_ERROR' | 'BAD_RESPONSE' | 'UNREACHABLE' | 'UNAUTHORIZED';

/** A service chaingate depends on failed (timeout, 429, 5xx, malformed answer). */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly code: UpstreamErrorCode,
    readonly service: string,
    reason: string,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(redactCredentials(`${service}: ${reason}`), options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;
}

/** A policy or configuration file that cannot be used. The message names the file, line and column. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly code: 'MALFORMED' | 'UNKNOWN_KEY' | 'INVALID_VALUE' | 'TOO_LARGE' | 'NOT_FOUND',
    readonly file: string,
    reason: string,
    options?: { cause?: unknown; line?: number; column?: number },
  ) {
    super(redactCredentials(options?.line ? `${file}:${options.line}:${options.column ?? 1}: ${reason}` : `${file}: ${reason}`), options);
    this.line = options?.line;
    this.column = options?.column;
  }
  readonly line: number | undefined;
  readonly column: number | undefined;
}

export type StoreErrorCode = 'LOCKED' | 'UNWRITABLE' | 'NEWER_VERSION' | 'UNREACHABLE' | 'FAILED';

/** The store (embedded directory or PostgreSQL) cannot be used. The message says where and what to do. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    /** The store directory, or `PostgreSQL at host:port`. */
    readonly location: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${location}: ${reason}`, options);
  }
}
