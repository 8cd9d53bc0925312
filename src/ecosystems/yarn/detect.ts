/** A berry lockfile always starts its entries with a `__metadata:` block. */
const BERRY_METADATA = /^__metadata:\s*$/m;

export function isBerryLockfile(content: string): boolean {
  return BERRY_METADATA.test(content.slice(0, 4096));
}

/** Yarn v1 files carry the `# yarn lockfile v1` header; files without one are v1 unless they have __metadata. */
export function isClassicLockfile(content: string): boolean {
  return !isBerryLockfile(content);
}
