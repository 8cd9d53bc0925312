import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';

/** Everything the App reads from its environment, read once by the composition root. */
export interface AppConfig {
  readonly appId: number;
  readonly privateKey: string;
  readonly webhookSecret: string;
  readonly port: number;
  readonly host: string;
  /** `https://api.github.com`, or `GHE_PROTOCOL://GHE_HOST/api/v3`. */
  readonly apiBaseUrl: string | undefined;
  readonly advisoriesPath: string | undefined;
  readonly offline: boolean;
  readonly registry: string | undefined;
  readonly osvUrl: string | undefined;
  readonly store: { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'embedded'; readonly dir: string | undefined };
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  readonly logFormat: 'json' | 'pretty';
  /** `CHAINGATE_TRUSTED_ROOT`: a Sigstore trusted_root.json for release provenance instead of the shipped public-good root. */
  readonly trustedRoot: string | undefined;
  /** `CHAINGATE_BACKFILL_CONCURRENCY`: repositories an installation backfill snapshots at once. */
  readonly backfillConcurrency: number;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/**
 * Reads the App's configuration from environment variables (the names
 * Probot uses where it has one).
 * @throws {UsageError} BAD_ARGUMENT naming the variable that is missing or wrong
 */
export function readAppConfig(env: Env, readKeyFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): AppConfig {
  const appId = Number(env.APP_ID);
  if (!Number.isInteger(appId) || appId <= 0) throw new UsageError('BAD_ARGUMENT', 'APP_ID must be the numeric id of the GitHub App (Settings → Developer settings → GitHub Apps)');
  const privateKey = env.PRIVATE_KEY ? env.PRIVATE_KEY.replaceAll('\\n', '\n') : env.PRIVATE_KEY_PATH ? readKey(env.PRIVATE_KEY_PATH, readKeyFile) : undefined;
  if (!privateKey?.includes('PRIVATE KEY-----')) throw new UsageError('BAD_ARGUMENT', 'PRIVATE_KEY (the PEM text) or PRIVATE_KEY_PATH (its file) must hold the App\'s private key');
  const webhookSecret = env.WEBHOOK_SECRET ?? '';
  if (webhookSecret.length === 0) throw new UsageError('BAD_ARGUMENT', 'WEBHOOK_SECRET must be set to the App\'s webhook secret: unsigned deliveries are refused');
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError('BAD_ARGUMENT', `PORT=${env.PORT} is not a TCP port`);
  const protocol = env.GHE_PROTOCOL ?? 'https';
  if (protocol !== 'https' && protocol !== 'http') throw new UsageError('BAD_ARGUMENT', `GHE_PROTOCOL=${protocol}: use https (or http for a local test server)`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) throw new UsageError('BAD_ARGUMENT', `LOG_LEVEL=${logLevel}: use one of ${[...LOG_LEVELS].join(', ')}`);
  const backfillConcurrency = env.CHAINGATE_BACKFILL_CONCURRENCY === undefined ? 2 : Number(env.CHAINGATE_BACKFILL_CONCURRENCY);
  if (!Number.isInteger(backfillConcurrency) || backfillConcurrency < 1 || backfillConcurrency > 32) {
    throw new UsageError('BAD_ARGUMENT', `CHAINGATE_BACKFILL_CONCURRENCY=${env.CHAINGATE_BACKFILL_CONCURRENCY} must be a whole number from 1 to 32`);
  }
  return {
    appId,
    privateKey,
    webhookSecret,
    port,
    host: env.HOST ?? '0.0.0.0',
    apiBaseUrl: env.GHE_HOST ? `${protocol}://${env.GHE_HOST}/api/v3` : undefined,
    advisoriesPath: env.CHAINGATE_ADVISORIES || undefined,
    offline: env.CHAINGATE_OFFLINE === 'true' || env.CHAINGATE_OFFLINE === '1',
    registry: env.CHAINGATE_REGISTRY || undefined,
    osvUrl: env.CHAINGATE_OSV_URL || undefined,
    store: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'embedded', dir: env.CHAINGATE_STORE || undefined },
    logLevel: logLevel as AppConfig['logLevel'],
    logFormat: env.LOG_FORMAT === 'json' ? 'json' : 'pretty',
    trustedRoot: env.CHAINGATE_TRUSTED_ROOT || undefined,
    backfillConcurrency,
  };
}

function readKey(path: string, read: (path: string) => string): string {
  try {
    return read(path);
  } catch (cause) {
    throw new UsageError('NOT_FOUND', `PRIVATE_KEY_PATH=${path} cannot be read`, { cause });
  }
}
