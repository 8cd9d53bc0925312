import { ParseError } from '../../core/errors.js';

// pnpm never writes anchors or aliases; a few are tolerated for hand edits, a billion laughs is not.
export const MAX_ALIAS_COUNT = 50;

/**
 * js-yaml hands an aliased collection back as the same object each time it is
 * referenced, so loading a billion-laughs file is cheap but walking its result
 * is not. Refuse a document that reuses collections more than
 * {@link MAX_ALIAS_COUNT} times, or whose expanded size (every reference
 * counted in full) exceeds what text of its length can hold without aliases.
 * Linear in the distinct nodes: each collection's expanded size is computed once.
 * @throws {ParseError} LIMIT_EXCEEDED
 */
export function assertBoundedAliases(docs: readonly unknown[], textLength: number, path: string): void {
  const maxExpanded = 2 * textLength + 1024;
  const sizes = new Map<object, number>();
  let aliases = 0;
  const refuse = (why: string): never => {
    throw new ParseError('LIMIT_EXCEEDED', path, `${why} (a YAML bomb?)`);
  };
  const sizeOf = (node: unknown): number => {
    if (typeof node !== 'object' || node === null) return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      if (++aliases > MAX_ALIAS_COUNT) refuse(`uses YAML aliases more than ${MAX_ALIAS_COUNT} times`);
      return known;
    }
    let size = 1;
    for (const child of Object.values(node)) {
      size += sizeOf(child);
      if (size > maxExpanded) refuse('expands YAML aliases beyond its own size');
    }
    sizes.set(node, size);
    return size;
  };
  let total = 0;
  for (const doc of docs) {
    total += sizeOf(doc);
    if (total > maxExpanded) refuse('expands YAML aliases beyond its own size');
  }
}
