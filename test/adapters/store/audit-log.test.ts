import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, readAudit, verifyAudit } from '../../../src/adapters/store/audit-log.js';
import { migrate } from '../../../src/adapters/store/migrations.js';
import type { SqlDatabase } from '../../../src/adapters/store/sql.js';
import { STORE_HOOK_TIMEOUT, testEngines } from './engines.js';

describe.each(testEngines())('the audit log on the $name store', (engine) => {
  let handle: Awaited<ReturnType<typeof engine.fresh>>;
  let db: SqlDatabase;
  beforeAll(async () => {
    handle = await engine.fresh();
    db = handle.db;
    await migrate(db);
    for (let i = 1; i <= 5; i++) {
      await db.transaction((tx) => appendAudit(tx, { incident: 'INC-1', actor: 'cli:test', action: 'incident.scope', inputs: { run: i, note: 'naïve "quoted" ✓' }, result: { exposures: i * 10 } }));
    }
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await db.close();
    await handle.drop();
  });

  /** What someone with the database owner's rights can do behind chaingate's back. */
  const tamper = (sql: string) => db.script(`alter table audit_log disable trigger audit_log_append_only; ${sql}; alter table audit_log enable trigger audit_log_append_only`);

  it('chains rows appended concurrently in order, and the chain verifies', async () => {
    await Promise.all([6, 7, 8].map((i) => db.transaction((tx) => appendAudit(tx, { actor: 'app', action: 'reconcile.enqueue', inputs: { i }, result: null }))));
    const rows = [];
    for await (const row of readAudit(db)) rows.push(row);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(await verifyAudit(db)).toEqual({ rows: 8, head: { seq: 8, hash: rows[7]?.hash } });
  });

  it('refuses updates and deletes', async () => {
    await expect(db.query(`update audit_log set actor = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.query('delete from audit_log where seq = 1')).rejects.toThrow(/append-only/);
  });

  it('names a row edited directly in the database, and holds again once it is restored', async () => {
    await tamper(`update audit_log set result = '{"exposures": 0}' where seq = 3`);
    const edited = await verifyAudit(db);
    expect(edited.broken).toEqual({ seq: 3, reason: expect.stringContaining('the row was edited') });
    expect(edited.head?.seq).toBe(2);
    await tamper(`update audit_log set result = '{"exposures": 30}' where seq = 3`);
    expect((await verifyAudit(db)).broken).toBeUndefined();
  });

  it('notices rows cut off the end only against a head kept elsewhere', async () => {
    const kept = (await verifyAudit(db)).head!;
    expect((await verifyAudit(db, kept)).broken).toBeUndefined();
    await tamper(`delete from audit_log where seq = ${kept.seq}`);
    expect((await verifyAudit(db)).broken).toBeUndefined();
    expect((await verifyAudit(db, kept)).broken).toEqual({ seq: kept.seq, reason: `the kept head is row ${kept.seq}, but the chain ends at row ${kept.seq - 1}: row ${kept.seq} was cut off the end` });
  });

  it('names a row deleted directly in the database', async () => {
    await tamper('delete from audit_log where seq = 4');
    expect((await verifyAudit(db)).broken).toEqual({ seq: 4, reason: 'row 4 is missing (deleted between rows 3 and 5)' });
  });
});
