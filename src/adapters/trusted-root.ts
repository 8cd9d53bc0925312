import { readFileSync } from 'node:fs';
import type { TrustMaterial } from '@sigstore/verify';
import { loadTrustMaterial, trustMaterialFromJson } from './sigstore/index.js';
import { parseJson } from '../ecosystems/shared/text.js';

const SHIPPED_ROOT = new URL('../../data/sigstore/trusted_root.json', import.meta.url);

/**
 * The Sigstore trust root provenance is verified against: a `trusted_root.json`
 * the user supplies, or the public-good root shipped in data/sigstore/.
 * @throws {ConfigError} when the file is missing or not a trusted root
 */
export async function trustMaterialFor(path: string | undefined): Promise<TrustMaterial> {
  if (path) return loadTrustMaterial(path);
  const file = 'data/sigstore/trusted_root.json';
  return trustMaterialFromJson(parseJson(readFileSync(SHIPPED_ROOT, 'utf8'), file), file);
}
