import { ParseError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';

/**
 * Runs a command, naming the CLI's own knob on an input over the lockfile
 * size limit: `--max-file-size` raises that limit and no other (a policy's
 * fixed limit is reported without it). Matched by code and limit, not text.
 */
export async function withSizeKnob<T>(limits: Limits, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ParseError && error.code === 'TOO_LARGE' && error.limit === limits.maxBytes) {
      const reason = error.message.slice(error.file.length + 2);
      throw new ParseError('TOO_LARGE', error.file, `${reason} (raise it with --max-file-size)`, { cause: error, limit: error.limit });
    }
    throw error;
  }
}
