import { describe, expect, it } from 'vitest';
import { readAppConfig } from '../../src/app/config.js';
import { UsageError } from '../../src/core/errors.js';
import { thrownBy } from '../helpers/errors.js';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\\nMIIB\\n-----END RSA PRIVATE KEY-----';
const BASE = { APP_ID: '12', PRIVATE_KEY: KEY, WEBHOOK_SECRET: 's' };

describe('readAppConfig', () => {
  it('reads GitHub Enterprise Server as GHE_PROTOCOL://GHE_HOST/api/v3 and the fact-source variables', () => {
    const config = readAppConfig({ ...BASE, GHE_HOST: 'ghe.example.com', CHAINGATE_ADVISORIES: '/data/osv', CHAINGATE_OFFLINE: 'true', PORT: '8080' });
    expect(config.apiBaseUrl).toBe('https://ghe.example.com/api/v3');
    expect(config.privateKey).toContain('\nMIIB\n');
    expect(config).toMatchObject({ advisoriesPath: '/data/osv', offline: true, port: 8080, appId: 12 });
  });

  it('reads the release and backfill settings, with their defaults', () => {
    expect(readAppConfig(BASE)).toMatchObject({ trustedRoot: undefined, backfillConcurrency: 2 });
    expect(readAppConfig({ ...BASE, CHAINGATE_TRUSTED_ROOT: '/etc/sigstore/trusted_root.json', CHAINGATE_BACKFILL_CONCURRENCY: '8' })).toMatchObject({ trustedRoot: '/etc/sigstore/trusted_root.json', backfillConcurrency: 8 });
  });

  it('reads the key from PRIVATE_KEY_PATH', () => {
    const config = readAppConfig({ APP_ID: '12', PRIVATE_KEY_PATH: '/k.pem', WEBHOOK_SECRET: 's' }, (path) => (path === '/k.pem' ? KEY : ''));
    expect(config.privateKey).toContain('PRIVATE KEY-----');
  });

  it('names the variable that is missing or wrong', () => {
    expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, APP_ID: 'abc' })).message).toContain('APP_ID');
    expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, WEBHOOK_SECRET: '' })).message).toContain('WEBHOOK_SECRET');
    expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, PRIVATE_KEY: 'not a key' })).message).toContain('PRIVATE_KEY');
    expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, PORT: '70000' })).message).toContain('PORT');
    expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, GHE_HOST: 'h', GHE_PROTOCOL: 'ftp' })).message).toContain('GHE_PROTOCOL');
    for (const value of ['0', '33', '1.5', 'lots']) expect(thrownBy(UsageError, () => readAppConfig({ ...BASE, CHAINGATE_BACKFILL_CONCURRENCY: value })).message).toContain('CHAINGATE_BACKFILL_CONCURRENCY');
    expect(thrownBy(UsageError, () => readAppConfig({ APP_ID: '12', PRIVATE_KEY_PATH: '/nope', WEBHOOK_SECRET: 's' }, () => { throw new Error('ENOENT'); })).code).toBe('NOT_FOUND');
  });
});
