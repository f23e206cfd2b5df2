import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import { appendAudit, hashSubject, listAudit, verifyAuditChain } from './audit';

const KEY = Buffer.alloc(32, 9);
let t: TestDb;

beforeEach(async () => {
  t = await createTestDb();
  for (let i = 1; i <= 5; i += 1) {
    await appendAudit(t.db, KEY, {
      id: `id-${i}`,
      at: `2026-11-29T00:00:0${i}Z`,
      actor: 'petugas',
      role: 'operator',
      action: 'registry.view',
      subjectNik: i === 3 ? '1602055512030001' : null,
      detail: { i },
    });
  }
});
afterEach(() => t.dispose());

describe('audit chain', () => {
  it('verifies an untouched chain and stores NIKs only as keyed hashes', async () => {
    expect(await verifyAuditChain(t.db)).toEqual({ isIntact: true, checked: 5 });
    const rows = await listAudit(t.db, { limit: 10 });
    expect(rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    const third = rows.find((r) => r.seq === 3);
    expect(third?.subject_hash).toBe(hashSubject(KEY, '1602055512030001'));
    expect(JSON.stringify(rows)).not.toContain('1602055512030001');
    expect(hashSubject(Buffer.alloc(32, 1), '1602055512030001')).not.toBe(third?.subject_hash);
  });

  it('detects an edited row', async () => {
    t.sqlite.prepare('UPDATE audit_log SET detail = \'{"i":99}\' WHERE seq = 3').run();
    expect(await verifyAuditChain(t.db)).toMatchObject({
      isIntact: false,
      brokenAtSeq: 3,
      reason: 'hash',
    });
  });

  it('detects an edit that also recomputes nothing but the hash column', async () => {
    t.sqlite.prepare("UPDATE audit_log SET hash = 'ff' || substr(hash, 3) WHERE seq = 2").run();
    expect(await verifyAuditChain(t.db)).toMatchObject({ isIntact: false, brokenAtSeq: 2 });
  });

  it('detects a deleted row in the middle', async () => {
    t.sqlite.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    expect(await verifyAuditChain(t.db)).toMatchObject({
      isIntact: false,
      brokenAtSeq: 4,
      reason: 'gap',
    });
  });

  it('detects a deleted newest row through the stored head', async () => {
    t.sqlite.prepare('DELETE FROM audit_log WHERE seq = 5').run();
    expect(await verifyAuditChain(t.db)).toMatchObject({
      isIntact: false,
      reason: 'head',
      checked: 4,
    });
  });

  it('detects rows renumbered to hide a deletion', async () => {
    t.sqlite.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    t.sqlite.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 2').run();
    expect(await verifyAuditChain(t.db)).toMatchObject({ isIntact: false, brokenAtSeq: 2 });
  });

  it('walks chains longer than one batch', async () => {
    expect(await verifyAuditChain(t.db, 2)).toEqual({ isIntact: true, checked: 5 });
    t.sqlite.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 5").run();
    expect(await verifyAuditChain(t.db, 2)).toMatchObject({ isIntact: false, brokenAtSeq: 5 });
  });

  it('rolls back with the transaction it belongs to', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await appendAudit(trx, KEY, {
          id: 'id-6',
          at: '2026-11-29T00:01:00Z',
          actor: 'x',
          role: 'operator',
          action: 'y',
          detail: {},
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await verifyAuditChain(t.db)).toEqual({ isIntact: true, checked: 5 });
  });
});
