import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewApplicationRecord } from './applications';
import { getApplicationByNumber, insertApplication, listStatusHistory } from './applications';
import { createTestDb, type TestDb } from '../../electron/testing/db';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

const at = '2026-11-29T02:00:00.000Z';
function record(id: string, number: string, photoBytes = 10): NewApplicationRecord {
  return {
    application: {
      id,
      number,
      service_code: 'ktp-el-hilang',
      status: 'diajukan',
      applicant_nik: '1602054107900001',
      applicant_kk: null,
      applicant_name: null,
      fields: '{}',
      channel: 'kiosk',
      created_at: at,
      unit_id: 'u1',
      is_training: 0,
    },
    photos: [
      {
        application_id: id,
        requirement_code: 'kk',
        mime: 'image/jpeg',
        bytes: Buffer.alloc(photoBytes, 1),
        sha256: 'a'.repeat(64),
        width: 10,
        height: 10,
        taken_at: at,
      },
    ],
    consent: {
      application_id: id,
      version: 'v1',
      text_sha256: 'b'.repeat(64),
      language: 'id',
      accepted_at: at,
    },
    status: { at, actor: 'kiosk', note: null },
  };
}

describe('applications tables', () => {
  it('store an application with its first status and read it back by number', async () => {
    await insertApplication(t.db, record('a1', 'OKI-052011ABC-20261129-0001'));
    const row = await getApplicationByNumber(t.db, 'OKI-052011ABC-20261129-0001');
    expect(row?.id).toBe('a1');
    expect(await listStatusHistory(t.db, 'a1')).toMatchObject([{ status: 'diajukan', at }]);
    expect(await getApplicationByNumber(t.db, 'OKI-X')).toBeNull();
  });

  it('refuse a repeated number and a photo over 300 KB at the database too', async () => {
    await insertApplication(t.db, record('a1', 'OKI-052011ABC-20261129-0001'));
    await expect(
      insertApplication(t.db, record('a2', 'OKI-052011ABC-20261129-0001')),
    ).rejects.toThrow(/UNIQUE/);
    await expect(
      insertApplication(t.db, record('a3', 'OKI-052011ABC-20261129-0002', 300 * 1024 + 1)),
    ).rejects.toThrow(/CHECK/);
  });
});
