/** A direct dependency locked first at `pin`, then declared as `range`. */
export interface PinnedRange {
  readonly name: string;
  readonly pin: string;
  readonly range: string;
}

/**
 * yarn (1 and 2+) resolves a range it has not locked before to the newest release in it, even
 * when the version locked for the pin satisfies it. So between the pinned run and the range
 * run the pinned entry's key also names the range: yarn then finds the range already locked,
 * keeps the planned version and rewrites the key itself.
 */
export function aliasPinnedEntries(lockText: string, pins: readonly PinnedRange[], berry: boolean): string {
  let text = lockText;
  for (const { name, pin, range } of pins) {
    const pinned = berry ? `${name}@npm:${pin}` : `${name}@${pin}`;
    const ranged = berry ? `${name}@npm:${range}` : `${name}@${range}`;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.startsWith(' ') || !line.endsWith(':')) continue;
      const keys = line.slice(0, -1).split(',').map((key) => key.trim().replace(/^"|"$/gu, ''));
      if (!keys.includes(pinned) || keys.includes(ranged)) continue;
      // yarn 2+ quotes the whole key list as one string; yarn 1 quotes each key that needs it.
      lines[i] = berry ? `${JSON.stringify([...keys, ranged].join(', '))}:` : `${line.slice(0, -1)}, ${JSON.stringify(ranged)}:`;
    }
    text = lines.join('\n');
  }
  return text;
}
