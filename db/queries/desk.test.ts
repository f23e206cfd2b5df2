import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import { insertApplication } from './applications';
import {
  changeStatus,
  countReceived,
  countStatusEntries,
  deleteClaim,
  getClaim,
  insertClaim,
  lastStatusEntry,
  listChecks,
  listInbox,
  upsertCheck,
} from './desk';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

const KK = '1602051234567890';
const NIK = '1602054107900001';

async function application(
  id: string,
  createdAt: string,
  over: { fields?: Record<string, string>; nik?: string | null; kk?: string | null } = {},
) {
  await insertApplication(t.db, {
    application: {
      id,
      number: `N-${id}`,
      service_code: 'ktp-el-hilang',
      status: 'diajukan',
      applicant_nik: over.nik === undefined ? NIK : over.nik,
      applicant_kk: over.kk === undefined ? null : over.kk,
      applicant_name: null,
      fields: JSON.stringify(over.fields ?? {}),
      channel: 'kiosk',
      created_at: createdAt,
      unit_id: 'u1',
      is_training: 0,
    },
    photos: [],
    consent: {
      application_id: id,
      version: 'v1',
      text_sha256: 'b'.repeat(64),
      language: 'id',
      accepted_at: createdAt,
    },
    status: { at: createdAt, actor: 'kiosk', note: null },
  });
}

function registryFamily(village: string) {
  t.sqlite
    .prepare(
      `INSERT INTO families (kk_number, head_nik, address, rt, rw, dusun, village_code, postal_code,
         issued_at, updated_at, source) VALUES (?, NULL, 'JL. A', '001', '002', NULL, ?, NULL, NULL, 'x', 'test')`,
    )
    .run(KK, village);
  t.sqlite
    .prepare(
      `INSERT INTO residents (nik, kk_number, name, name_key, sex, birth_place, birth_date,
         birth_year, religion, education, occupation, marital_status, marital_recorded, relationship,
         blood_group, citizenship, village_code, updated_at, source)
       VALUES (?, ?, 'SITI', 'siti', 2, 'KAYU AGUNG', '1990-07-01', 1990, 1, 5, 2, 2, 1, 3, 13, 'WNI', ?, 'x', 'test')`,
    )
    .run(NIK, KK, village);
}

describe('desk queries', () => {
  it('derives the village from the address given, else from the registry family', async () => {
    registryFamily('1602012001');
    await application('a', '2026-11-28T01:00:00.000Z', {
      fields: { 'alamat-wilayah': '1602012002' },
    });
    await application('b', '2026-11-28T02:00:00.000Z');
    await application('c', '2026-11-28T03:00:00.000Z', { nik: '1602054107900002', kk: KK });
    await application('d', '2026-11-28T04:00:00.000Z', { nik: null });
    const all = await listInbox(t.db, {}, { offset: 0, limit: 10 });
    expect(all.rows.map((r) => [r.id, r.village_code])).toEqual([
      ['a', '1602012002'],
      ['b', '1602012001'],
      ['c', '1602012001'],
      ['d', null],
    ]);
    const home = await listInbox(t.db, { villageCode: '1602012001' }, { offset: 0, limit: 10 });
    expect(home.rows.map((r) => r.id)).toEqual(['b', 'c']);
    expect(home.countsByStatus).toEqual({ diajukan: 2 });
  });

  it('compares the Jakarta day for the age filter', async () => {
    await application('late', '2026-11-27T16:59:00.000Z'); // 23.59 WIB on the 27th
    await application('early', '2026-11-27T17:00:00.000Z'); // 00.00 WIB on the 28th
    const page = { offset: 0, limit: 10 };
    const upTo27 = await listInbox(t.db, { createdOnOrBefore: '2026-11-27' }, page);
    expect(upTo27.rows.map((r) => r.id)).toEqual(['late']);
  });

  it('keeps one claim per application and the last check per requirement', async () => {
    await application('a', '2026-11-28T01:00:00.000Z');
    const claim = { application_id: 'a', user_id: 'u1', user_name: 'Sri', claimed_at: 'x' };
    await insertClaim(t.db, claim);
    await expect(insertClaim(t.db, { ...claim, user_id: 'u2' })).rejects.toThrow(/UNIQUE|PRIMARY/);
    expect((await getClaim(t.db, 'a'))?.user_id).toBe('u1');
    expect(await deleteClaim(t.db, 'a')).toBe(1);
    expect(await deleteClaim(t.db, 'a')).toBe(0);

    const check = {
      application_id: 'a',
      requirement_code: 'kk',
      state: 'bad' as const,
      note: 'buram',
      user_id: 'u1',
      user_name: 'Sri',
      at: '1',
    };
    await upsertCheck(t.db, check);
    await upsertCheck(t.db, { ...check, state: 'ok', note: null, user_name: 'Budi', at: '2' });
    expect(await listChecks(t.db, 'a')).toEqual([
      { ...check, state: 'ok', note: null, user_name: 'Budi', at: '2' },
    ]);
  });

  it('changes the status with its history row and counts entries by day range', async () => {
    await application('a', '2026-11-28T01:00:00.000Z');
    await changeStatus(t.db, {
      applicationId: 'a',
      status: 'perlu-persetujuan',
      at: '2026-11-28T05:00:00.000Z',
      actor: 'Sri',
      actorUserId: 'u1',
      note: null,
    });
    await changeStatus(t.db, {
      applicationId: 'a',
      status: 'diverifikasi',
      at: '2026-11-28T17:00:00.000Z',
      actor: 'Rina',
      actorUserId: 'u2',
      note: 'ok',
    });
    const row = t.sqlite.prepare("SELECT status FROM applications WHERE id = 'a'").pluck().get();
    expect(row).toBe('diverifikasi');
    expect(await lastStatusEntry(t.db, 'a', 'perlu-persetujuan')).toMatchObject({
      actor: 'Sri',
      actor_user_id: 'u1',
    });
    const day28 = { from: '2026-11-27T17:00:00.000Z', to: '2026-11-28T17:00:00.000Z' };
    expect(await countStatusEntries(t.db, day28, ['diverifikasi'])).toEqual([]);
    expect(await countStatusEntries(t.db, day28, ['perlu-persetujuan', 'diajukan'])).toEqual([
      { service_code: 'ktp-el-hilang', status: 'diajukan', n: 1 },
      { service_code: 'ktp-el-hilang', status: 'perlu-persetujuan', n: 1 },
    ]);
    expect(await countReceived(t.db, day28)).toEqual([{ service_code: 'ktp-el-hilang', n: 1 }]);
  });
});
