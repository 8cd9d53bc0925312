/**
 * A stable fingerprint for a SARIF result (GitHub matches alerts across runs
 * by `partialFingerprints`): FNV-1a, 64 bits, over the fields that make a
 * finding the same finding. The lockfile line is left out on purpose: it
 * moves whenever other packages change.
 */
export function fingerprint(parts: readonly string[]): string {
  let hash = 0xcbf29ce484222325n;
  const text = parts.join('\u0000');
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
