import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export type GateResult = { readonly ok: true; readonly body: string } | { readonly ok: false; readonly status: 401 | 413 | 400; readonly reason: string };

/**
 * Reads a webhook request's body within `maxBytes` and checks its
 * `X-Hub-Signature-256` against the secret before anything else sees it:
 * a missing or forged signature is 401, an oversize body 413 (its reading
 * stops at the limit). Probot checks the signature again; this gate is what
 * makes "forged or missing → 401, nothing stored" true.
 */
export async function gateWebhook(request: IncomingMessage, secret: string, maxBytes = MAX_PAYLOAD_BYTES): Promise<GateResult> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, status: 413, reason: `payload over ${maxBytes} bytes` };
  const signature = request.headers['x-hub-signature-256'];
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBytes) {
      request.destroy();
      return { ok: false, status: 413, reason: `payload over ${maxBytes} bytes` };
    }
    chunks.push(chunk as Buffer);
  }
  if (typeof signature !== 'string' || !signature.startsWith('sha256=')) return { ok: false, status: 401, reason: 'missing X-Hub-Signature-256' };
  const body = Buffer.concat(chunks);
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) return { ok: false, status: 401, reason: 'signature does not match the payload and secret' };
  return { ok: true, body: body.toString('utf8') };
}
