import { canonicalJson } from './canonical-json.js';

/** One decision or action, as the code that made it records it. */
export interface AuditEntry {
  /** `INC-<n>` the entry is about, where it is about one. */
  readonly incident?: string | undefined;
  /** Who: `cli:<user>`, `app`, `github:<login>`. */
  readonly actor: string;
  /** What, as a stable verb: `incident.create`, `incident.scope`, `reconcile.enqueue`, … */
  readonly action: string;
  /** The evidence the decision was made on. */
  readonly inputs: unknown;
  /** What it decided or did. */
  readonly result: unknown;
}

/** An entry as the chain holds it. */
export interface AuditRow extends AuditEntry {
  readonly seq: number;
  readonly at: Date;
  /** The previous row's hash; the first row's is {@link GENESIS_HASH}. */
  readonly prevHash: string;
  /** sha256 (hex) of {@link auditRowText} of this row. */
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The exact text a row's hash is computed over: every field but the hash, canonically encoded, the previous hash included. */
export function auditRowText(row: Omit<AuditRow, 'hash'>): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at.toISOString(),
    incident: row.incident ?? null,
    actor: row.actor,
    action: row.action,
    inputs: row.inputs ?? null,
    result: row.result ?? null,
    prevHash: row.prevHash,
  });
}

/** The first link that does not hold, named for people: which row, and what differs. */
export interface ChainBreak {
  readonly seq: number;
  readonly reason: string;
}

/**
 * Walks rows in `seq` order and names the first broken link: a missing row
 * (a gap in `seq`, or a chain that does not start at 1), a row whose stored
 * previous hash is not its predecessor's hash, or a row whose content no
 * longer hashes to its stored hash (it was edited). Keep the head hash
 * somewhere else to detect rows cut off the end.
 */
export class AuditChainChecker {
  private previous: { seq: number; hash: string } | undefined;
  private rows = 0;

  constructor(private readonly sha256: (text: string) => string) {}

  /** @returns the break this row shows, or `undefined` while the chain holds. */
  next(row: AuditRow): ChainBreak | undefined {
    const expectedSeq = (this.previous?.seq ?? 0) + 1;
    const expectedPrev = this.previous?.hash ?? GENESIS_HASH;
    this.rows++;
    if (row.seq !== expectedSeq) {
      const missing = row.seq - 1 === expectedSeq ? `row ${expectedSeq} is` : `rows ${expectedSeq}–${row.seq - 1} are`;
      const after = this.previous ? `between rows ${this.previous.seq} and ${row.seq}` : `before row ${row.seq}`;
      return { seq: expectedSeq, reason: `${missing} missing (deleted ${after})` };
    }
    if (row.prevHash !== expectedPrev) {
      return { seq: row.seq, reason: `its prev_hash ${short(row.prevHash)} is not the hash of row ${row.seq - 1} (${short(expectedPrev)}): a row before it was rewritten` };
    }
    const computed = this.sha256(auditRowText(row));
    if (computed !== row.hash) {
      return { seq: row.seq, reason: `its content does not match its hash (stored ${short(row.hash)}, content hashes to ${short(computed)}): the row was edited` };
    }
    this.previous = { seq: row.seq, hash: row.hash };
    return undefined;
  }

  /** Rows checked so far, and the last good one. */
  get state(): { readonly rows: number; readonly head?: { readonly seq: number; readonly hash: string } | undefined } {
    return { rows: this.rows, head: this.previous };
  }
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
