import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateWebhook } from '../../src/app/webhook-gate.js';

const SECRET = 'a secret of any length';

describe('gateWebhook', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      void gateWebhook(request, SECRET, 1024).then((result) => {
        response.writeHead(result.ok ? 200 : result.status).end(result.ok ? result.body : result.reason);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (body: string, signature?: string) =>
    fetch(url, { method: 'POST', body, headers: signature === undefined ? {} : { 'x-hub-signature-256': signature } }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('passes a body signed with the secret through, unchanged', async () => {
    const body = '{"zen":"Keep it logically awesome. ✓"}';
    expect(await post(body, sign(body))).toEqual({ status: 200, text: body });
  });

  it('answers 401 to a missing signature, a signature with another secret, and a tampered body', async () => {
    const body = '{"action":"opened"}';
    expect((await post(body)).status).toBe(401);
    expect((await post(body, sign(body, 'another secret'))).status).toBe(401);
    expect((await post('{"action":"closed"}', sign(body))).status).toBe(401);
    expect((await post(body, 'sha256=abc')).status).toBe(401);
  });

  it('answers 413 to a body over the cap, signed or not', async () => {
    const body = `{"x":"${'a'.repeat(2000)}"}`;
    const answer = await post(body, sign(body)).catch(() => ({ status: 413, text: 'connection closed' }));
    expect(answer.status).toBe(413);
  });
});
