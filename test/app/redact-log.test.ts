import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redactingLogger, redactText } from '../../src/app/redact-log.js';

describe('redactText', () => {
  it('removes tokens after the word that introduces them, whatever their length or prefix', () => {
    const text = 'Authorization: token abc Authorization: bearer eyJhbGciOi.x.y Basic dXNlcjpwYXNz and token ghs_0123456789012345678901234567890123456789';
    const out = redactText(text);
    expect(out).not.toMatch(/abc|eyJhbGciOi|dXNlcjpwYXNz|ghs_/u);
    expect(out).toContain('token [redacted]');
  });

  it('removes credentials in URLs and known secrets anywhere', () => {
    expect(redactText('https://x-access-token:s3cr3t@github.com/o/r.git')).toBe('https://[redacted]@github.com/o/r.git');
    expect(redactText('git+https://u:p@host/x')).toBe('git+https://[redacted]@host/x');
    expect(redactText('the webhook secret is hunter2!', ['hunter2'])).toBe('the webhook secret is [redacted]!');
  });
});

describe('redactingLogger', () => {
  it('censors credential fields and scrubs error messages and stacks', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const log = redactingLogger(pino({ level: 'info' }, sink), ['-----BEGIN KEY-----xyz']);
    log.info({ headers: { authorization: 'token t1' }, token: 'v1.abcdef' }, 'request');
    log.error({ err: new Error('failed with Authorization: bearer t2 using -----BEGIN KEY-----xyz') }, 'failed');
    const text = lines.join('');
    expect(text).not.toMatch(/t1|v1\.abcdef|t2|BEGIN KEY/u);
    expect(text).toContain('[redacted]');
  });
});
