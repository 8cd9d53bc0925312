/** Assertions that a call fails with one error class, returning the error for checks on its code and message. */

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** Runs `run`, which must throw an instance of `type`; anything else (or no throw) fails the test. */
export function thrownBy<E extends Error>(type: ErrorClass<E>, run: () => unknown): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

/** Awaits `promise`, which must reject with an instance of `type`. */
export async function rejectedWith<E extends Error>(type: ErrorClass<E>, promise: Promise<unknown>): Promise<E> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof type) return error;
  throw new Error(`expected a ${type.name}, got ${error === undefined ? 'a result' : String(error)}`);
}
