// Three reusable rows: distances are computed many times in a large check, so nothing is allocated per call.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form (insertions, deletions,
 * substitutions and swaps of two adjacent characters, each costing 1), cut off at `max`: any
 * distance above `max` is returned as `max + 1`. Only the diagonal band of width `2 * max + 1` is
 * computed (a path outside it costs more than `max`), and the work stops once a whole row exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  const over = max + 1;
  if (Math.abs(m - n) > max) return over;
  if (rows[0].length < n + 2) rows = [new Int32Array(n * 2 + 2), new Int32Array(n * 2 + 2), new Int32Array(n * 2 + 2)];
  let [before, previous, current] = rows; // rows i-2, i-1, i
  for (let j = 0; j <= n; j++) previous[j] = j <= max ? j : over;
  if (max + 1 <= n) previous[max + 1] = over;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    current[0] = i <= max ? i : over;
    if (lo > 1) current[lo - 1] = over;
    let rowMin = current[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = previous[j - 1]! + (ai === bj ? 0 : 1);
      if (previous[j]! + 1 < d) d = previous[j]! + 1;
      if (current[j - 1]! + 1 < d) d = current[j - 1]! + 1;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj && before[j - 2]! + 1 < d) d = before[j - 2]! + 1;
      if (d > over) d = over;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi + 1 <= n) current[hi + 1] = over; // the next row reads one cell past this band
    if (rowMin > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n]!, over);
}
