import type { Logger } from 'probot';

/** Field paths that hold credentials in what Probot, octokit and chaingate log. */
const REDACTED_PATHS = [
  'authorization',
  'token',
  'privateKey',
  'secret',
  '*.authorization',
  '*.token',
  '*.privateKey',
  '*.secret',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'request.headers.authorization',
  'err.request.headers.authorization',
  'err.response.headers.authorization',
];

/**
 * Credentials inside free text: the word that introduces them (`token`,
 * `bearer`, `basic`, `x-access-token:`, URL userinfo), whatever the token's
 * length or prefix looks like.
 */
const SECRET_IN_TEXT = [
  /\b(authorization:?\s*)?(token|bearer|basic)(\s+)[^\s"',;]+/giu,
  /\b(x-access-token|x-oauth-basic):[^\s@"']+@/giu,
  /(\/\/)[^\s/@"']+@/gu,
];

/** Free text with every credential replaced by `[redacted]`; known secrets too, whatever their shape. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out
    .replace(SECRET_IN_TEXT[0]!, (_m, auth: string | undefined, scheme: string, space: string) => `${auth ?? ''}${scheme}${space}[redacted]`)
    .replace(SECRET_IN_TEXT[1]!, (_m, user: string) => `${user}:[redacted]@`)
    .replace(SECRET_IN_TEXT[2]!, '$1[redacted]@');
}

/**
 * A child of Probot's logger that never writes a credential: known fields
 * are censored by path (pino's redact), and error messages and stacks are
 * scrubbed of tokens and of the App's own secrets.
 */
export function redactingLogger(log: Logger, secrets: readonly string[]): Logger {
  const scrub = (value: unknown): unknown => (typeof value === 'string' ? redactText(value, secrets) : value);
  return log.child(
    {},
    {
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        err: (error: unknown) => {
          if (!(error instanceof Error)) return scrub(error);
          const status = 'status' in error ? error.status : undefined;
          return { type: error.name, message: scrub(error.message), stack: scrub(error.stack), ...(status === undefined ? {} : { status }) };
        },
      },
    },
  );
}
