import { UpstreamError } from '../../core/errors.js';

/**
 * Reads a response body, refusing it as soon as it passes `maxBytes` (from
 * `content-length` before reading, or while streaming when that is absent or wrong).
 */
export async function readBodyBounded(response: Response, maxBytes: number, service: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(service, maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(service, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function tooLarge(service: string, maxBytes: number): UpstreamError {
  return new UpstreamError('BAD_RESPONSE', service, `response body is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MiB`);
}
