import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../core/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../core/limits.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command that reads lockfiles accepts. */
export const inputOptions = {
  'max-file-size': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is
 * a usage error (exit 2), not something silently ignored.
 */
export function parseCommandArgs<T extends Options>(args: readonly string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (cause) {
    throw new UsageError('BAD_ARGUMENT', cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** `--max-file-size 200MB` → limits. Accepts a byte count or a number with KB, MB or GB (powers of 1024). */
export function limitsFrom(maxFileSize: string | undefined): Limits {
  if (maxFileSize === undefined) return DEFAULT_LIMITS;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/iu.exec(maxFileSize.trim());
  if (!match) throw new UsageError('BAD_ARGUMENT', `--max-file-size ${JSON.stringify(maxFileSize)} is not a size (e.g. 64MB, 1GB, 500000)`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('g') ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes < 1) throw new UsageError('BAD_ARGUMENT', '--max-file-size must be at least 1 byte');
  return { ...DEFAULT_LIMITS, maxBytes: bytes };
}

/** Checks a `--format` value against what the command supports. */
export function formatFrom<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError('BAD_ARGUMENT', `--format must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}
