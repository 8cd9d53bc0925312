import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AuditChainChecker, auditRowText, GENESIS_HASH, type AuditRow } from '../../../src/core/audit/audit-chain.js';
import { canonicalJson } from '../../../src/core/audit/canonical-json.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(count: number): AuditRow[] {
  const rows: AuditRow[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const row = { seq, at: new Date(Date.UTC(2026, 0, seq)), incident: 'INC-1', actor: 'cli:test', action: 'incident.scope', inputs: { n: seq }, result: { ok: true }, prevHash: rows.at(-1)?.hash ?? GENESIS_HASH };
    rows.push({ ...row, hash: sha256(auditRowText(row)) });
  }
  return rows;
}

function firstBreak(rows: readonly AuditRow[]) {
  const checker = new AuditChainChecker(sha256);
  for (const row of rows) {
    const broken = checker.next(row);
    if (broken) return broken;
  }
  return undefined;
}

describe('the audit hash chain', () => {
  it('encodes a value one way whatever its key order', () => {
    expect(canonicalJson({ b: [1, { d: 'x', c: null }], a: 'é' })).toBe('{"a":"é","b":[1,{"c":null,"d":"x"}]}');
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('holds for an untouched chain', () => {
    expect(firstBreak(chain(5))).toBeUndefined();
  });

  it('names an edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, result: { ok: false } };
    expect(firstBreak(rows)).toEqual({ seq: 3, reason: expect.stringContaining('the row was edited') });
  });

  it('names the row after one whose hash was recomputed to hide an edit', () => {
    const rows = chain(5);
    const edited = { ...rows[1]!, actor: 'someone-else' };
    rows[1] = { ...edited, hash: sha256(auditRowText(edited)) };
    expect(firstBreak(rows)).toEqual({ seq: 3, reason: expect.stringContaining('is not the hash of row 2') });
  });

  it('names deleted rows, at the start and in the middle', () => {
    const rows = chain(6);
    expect(firstBreak(rows.slice(1))).toEqual({ seq: 1, reason: 'row 1 is missing (deleted before row 2)' });
    expect(firstBreak([...rows.slice(0, 2), ...rows.slice(4)])).toEqual({ seq: 3, reason: 'rows 3–4 are missing (deleted between rows 2 and 5)' });
  });
});
