/** GitHub refuses an issue or comment body longer than this many characters. */
export const MAX_ISSUE_BODY = 65_536;

/** A body made of a fixed head and tail around one list of rows that may be cut. */
export interface BodyParts {
  readonly head: string;
  readonly rows: readonly string[];
  readonly tail: string;
  /** What a row is, for the note saying what was cut: `exposures`, `repositories`. */
  readonly rowsAre: string;
}

/**
 * Joins the parts, keeping as many rows as fit under `limit` and saying how
 * many were cut. String length counts UTF-16 units, never fewer than the
 * characters GitHub counts, so a body that fits here fits there.
 */
export function fitBody(parts: BodyParts, limit = MAX_ISSUE_BODY): string {
  const join = (rows: readonly string[], note: string): string => [parts.head, ...rows, ...(note ? [note] : []), parts.tail].join('\n');
  const whole = join(parts.rows, '');
  if (whole.length <= limit) return whole;
  const note = (cut: number): string => `\n> ${cut} of ${parts.rows.length} ${parts.rowsAre} cut: GitHub limits an issue body to ${limit} characters. The store holds them all.`;
  let size = parts.head.length + parts.tail.length + note(parts.rows.length).length + 2;
  let kept = 0;
  for (const row of parts.rows) {
    if (size + row.length + 1 > limit) break;
    size += row.length + 1;
    kept++;
  }
  const body = join(parts.rows.slice(0, kept), note(parts.rows.length - kept));
  return body.length <= limit ? body : `${body.slice(0, limit - 2)}\n…`;
}
