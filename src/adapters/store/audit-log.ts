import { createHash } from 'node:crypto';
import { AuditChainChecker, auditRowText, GENESIS_HASH, type AuditEntry, type AuditRow, type ChainBreak } from '../../core/audit/audit-chain.js';
import type { SqlExecutor } from './sql.js';

interface AuditDbRow {
  seq: string;
  at: Date | string;
  incident: string | null;
  actor: string;
  action: string;
  inputs: unknown;
  result: unknown;
  prev_hash: string;
  hash: string;
}

const PAGE = 1000;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit log. Call it inside the
 * transaction that makes the decision it records, so the entry exists
 * exactly when the decision does; appenders serialise on a transaction lock.
 */
export async function appendAudit(tx: SqlExecutor, entry: AuditEntry, at: Date = new Date()): Promise<AuditRow> {
  await tx.query(`select pg_advisory_xact_lock(hashtext('chaingate_audit_log'))`);
  const [last] = await tx.query<{ seq: string; hash: string }>('select seq::text as seq, hash from audit_log order by audit_log.seq desc limit 1');
  const unhashed = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: new Date(at.getTime()),
    incident: entry.incident,
    actor: entry.actor,
    action: entry.action,
    inputs: entry.inputs ?? null,
    result: entry.result ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const row: AuditRow = { ...unhashed, hash: sha256Hex(auditRowText(unhashed)) };
  await tx.query(
    `insert into audit_log (seq, at, incident, actor, action, inputs, result, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [row.seq, row.at.toISOString(), row.incident ?? null, row.actor, row.action, JSON.stringify(row.inputs), JSON.stringify(row.result), row.prevHash, row.hash],
  );
  return row;
}

/** Every row in `seq` order, a page at a time. */
export async function* readAudit(db: SqlExecutor): AsyncGenerator<AuditRow> {
  let after = 0;
  for (;;) {
    const rows = await db.query<AuditDbRow>(
      `select seq::text as seq, at, incident, actor, action, inputs, result, prev_hash, hash from audit_log where audit_log.seq > $1 order by audit_log.seq limit ${PAGE}`,
      [after],
    );
    for (const row of rows) yield fromDb(row);
    const last = rows.at(-1);
    if (!last || rows.length < PAGE) return;
    after = Number(last.seq);
  }
}

export interface AuditVerification {
  readonly rows: number;
  /** The last row that checked out: keep its hash elsewhere to detect rows later cut off the end. */
  readonly head?: { readonly seq: number; readonly hash: string } | undefined;
  readonly broken?: ChainBreak | undefined;
}

/**
 * Checks the whole chain; stops at the first broken link. With `head` (a
 * head printed by an earlier verify and kept elsewhere), also checks that
 * the chain still holds that row unchanged: rows cut off the end are named.
 */
export async function verifyAudit(db: SqlExecutor, head?: { readonly seq: number; readonly hash: string }): Promise<AuditVerification> {
  const checker = new AuditChainChecker(sha256Hex);
  for await (const row of readAudit(db)) {
    const broken = checker.next(row);
    if (broken) return { ...checker.state, broken };
    if (head && row.seq === head.seq && row.hash !== head.hash) {
      return { ...checker.state, broken: { seq: row.seq, reason: `its hash ${row.hash.slice(0, 12)} is not the kept head's ${head.hash.slice(0, 12)}: the chain was rewritten from here or before` } };
    }
  }
  const last = checker.state.head?.seq ?? 0;
  if (head && last < head.seq) {
    const cut = head.seq === last + 1 ? `row ${head.seq} was` : `rows ${last + 1}–${head.seq} were`;
    return { ...checker.state, broken: { seq: last + 1, reason: `the kept head is row ${head.seq}, but the chain ends at row ${last}: ${cut} cut off the end` } };
  }
  return checker.state;
}

/** One row as a JSON line (the fields the hash covers, and the hash). */
export function auditJsonLine(row: AuditRow): string {
  return `${JSON.stringify({ seq: row.seq, at: row.at.toISOString(), incident: row.incident ?? null, actor: row.actor, action: row.action, inputs: row.inputs, result: row.result, prevHash: row.prevHash, hash: row.hash })}\n`;
}

function fromDb(row: AuditDbRow): AuditRow {
  return {
    seq: Number(row.seq),
    at: new Date(row.at),
    incident: row.incident ?? undefined,
    actor: row.actor,
    action: row.action,
    inputs: row.inputs,
    result: row.result,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
