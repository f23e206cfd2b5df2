import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewPrintLog } from '../schema';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import {
  copiesByKind,
  getArchive,
  insertPrintRun,
  lastCopyNumber,
  listPrintLog,
} from './print-log';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

const subject = { type: 'kk', key: '1602051234560001' } as const;
const row = (
  id: string,
  runId: string,
  copy: number,
  over: Partial<NewPrintLog> = {},
): NewPrintLog => ({
  id,
  run_id: runId,
  at: '2026-11-29T02:00:00.000Z',
  user_id: 'u1',
  user_name: 'Sri Wahyuni',
  kind: 'kk',
  subject_type: subject.type,
  subject_key: subject.key,
  subject_label: subject.key,
  application_id: null,
  service_code: null,
  copy_number: copy,
  is_draft: 1,
  is_reprint: copy > 1 ? 1 : 0,
  reprint_reason: copy > 1 ? 'Kertas macet' : null,
  printer_name: null,
  is_printed: 0,
  ...over,
});
const archive = (runId: string) => ({
  runId,
  bytes: new Uint8Array([37, 80, 68, 70]),
  sha256: 'a'.repeat(64),
  createdAt: '2026-11-29T02:00:00.000Z',
});

describe('print log queries', () => {
  it('counts copies per kind, lists newest first with the archive flag, and pages by seq', async () => {
    expect(await lastCopyNumber(t.db, 'kk', subject)).toBe(0);
    await insertPrintRun(t.db, {
      rows: [row('l1', 'r1', 1), row('l2', 'r1', 2)],
      archive: archive('r1'),
    });
    await insertPrintRun(t.db, {
      rows: [row('l3', 'r2', 1, { kind: 'f-1.01', at: '2026-11-30T02:00:00.000Z' })],
      archive: archive('r2'),
    });
    expect([...(await copiesByKind(t.db, subject))]).toEqual([
      ['f-1.01', 1],
      ['kk', 2],
    ]);
    const all = await listPrintLog(t.db, { limit: 10 });
    expect(all.map((r) => [r.id, r.is_archived])).toEqual([
      ['l3', 1],
      ['l2', 1],
      ['l1', 1],
    ]);
    const page = await listPrintLog(t.db, { limit: 1, beforeSeq: all[1]?.seq });
    expect(page.map((r) => r.id)).toEqual(['l1']);
    const day = await listPrintLog(t.db, {
      limit: 10,
      fromAt: '2026-11-29T00:00:00.000Z',
      toAt: '2026-11-30T00:00:00.000Z',
    });
    expect(day.map((r) => r.id)).toEqual(['l2', 'l1']);
    const kept = await getArchive(t.db, 'r1');
    expect(kept?.sha256).toBe('a'.repeat(64));
    expect(Buffer.from(kept?.bytes ?? [])).toEqual(Buffer.from(archive('r1').bytes));
    expect(await getArchive(t.db, 'nope')).toBeNull();
  });

  it('refuses a copy number twice and a reprint without a reason, writing nothing of the run', async () => {
    await insertPrintRun(t.db, { rows: [row('l1', 'r1', 1)], archive: archive('r1') });
    const twice = t.db
      .transaction()
      .execute((trx) =>
        insertPrintRun(trx, { rows: [row('l2', 'r2', 1)], archive: archive('r2') }),
      );
    await expect(twice).rejects.toThrow(/UNIQUE/);
    const silent = t.db.transaction().execute((trx) =>
      insertPrintRun(trx, {
        rows: [row('l3', 'r3', 2, { reprint_reason: '  ' })],
        archive: archive('r3'),
      }),
    );
    await expect(silent).rejects.toThrow(/CHECK/);
    expect((await listPrintLog(t.db, { limit: 10 })).map((r) => r.id)).toEqual(['l1']);
    expect(await getArchive(t.db, 'r2')).toBeNull();
  });
});
