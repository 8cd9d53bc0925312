import { expect } from 'vitest';
import { UpstreamError } from '../../src/core/errors.js';

/** Awaits a promise that must reject with an UpstreamError, and returns the error for assertions on its code. */
export async function upstreamError(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
}
