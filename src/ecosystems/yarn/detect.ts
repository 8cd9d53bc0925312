/** A berry lockfile always starts its entries with a `__metadata:` block. */
const BERRY_METADATA = /^__metadata:\s*$/m;

export function isBerryLockfile(content: string): boolean {
  return BERRY_METADATA.test(content.slice(0, 4096));
}

const CLASSIC_HEADER = /^# yarn lockfile v1\s*$/m;
// An entry's first field: `  version "1.2.3"` under a `name@range:` key.
const CLASSIC_ENTRY = /^\S[^\n]*@[^\n]*:\r?\n {2}version "/m;

/**
 * Yarn v1 files carry the `# yarn lockfile v1` header, or (when it was
 * stripped) at least one `name@range:` entry with a version; an empty file is
 * a lockfile with no packages. Anything with `__metadata` is berry.
 */
export function isClassicLockfile(content: string): boolean {
  if (isBerryLockfile(content)) return false;
  const head = content.slice(0, 4096);
  return CLASSIC_HEADER.test(head) || CLASSIC_ENTRY.test(head) || content.trim() === '';
}
