import { ConfigError } from '../errors.js';

/** Package-manager settings files are a few lines; anything this large is not one. */
export const MAX_CONFIG_BYTES = 256 * 1024;

export function assertSize(file: string, content: string): void {
  if (content.length > MAX_CONFIG_BYTES) throw new ConfigError('TOO_LARGE', file, `larger than ${MAX_CONFIG_BYTES} bytes`);
}

/** A non-negative finite number written as digits (`7`, `1.5`, TOML's `259_200`), else `undefined`. */
export function parseAmount(text: string): number | undefined {
  const trimmed = text.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  if (!/^\d+(?:_\d+)*(?:\.\d+)?$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}
