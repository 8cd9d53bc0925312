import { readFileSync } from 'node:fs';

/** chaingate's own version, read from the package.json that ships beside dist/ and src/. */
export function chaingateVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
