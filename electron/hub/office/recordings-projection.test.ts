import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { projectRecordings } from './recordings';
import { createTestDatabase, HUB_BACKENDS } from '../../testing/hub';
import { seedRecordings, seedStation } from '../../testing/office-recordings';
import { hubMigrations } from '../../../db/hub-migrations';
import { openHubDatabase } from '../../../db/open-hub';
import { insertUpdate } from '../../../db/queries/hub-updates';
import { recordingRow } from '../../../db/queries/office-recordings';

/** A hub database on `backend`, migrated up to (not including) `before` when given. */
async function openAt(backend: 'sqlite' | 'postgres', before?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lm-hub-rec-'));
  const database = backend === 'postgres' ? await createTestDatabase() : null;
  const names = Object.keys(hubMigrations).sort();
  const upTo = before ? names.slice(0, names.indexOf(before)) : names;
  const open = (all: boolean) =>
    openHubDatabase({
      dataDir,
      key: null,
      databaseUrl: database?.url ?? null,
      migrations: all
        ? hubMigrations
        : Object.fromEntries(upTo.map((name) => [name, hubMigrations[name] as Migration])),
    });
  return {
    open,
    dispose: async () => {
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.each(HUB_BACKENDS)('the office_recordings projection (%s)', (backend) => {
  it('moves only forward: an older record arriving late changes nothing', async () => {
    const place = await openAt(backend);
    const { db, close } = await place.open(true);
    try {
      const { unitId } = await seedStation(db);
      const [id] = (await seedRecordings(db, unitId, [
        { nik: '1602011234560001', later: ['terkirim', 'prr', 'dicetak'] },
      ])) as [string];
      expect(await recordingRow(db, id)).toMatchObject({
        station_status: 'dicetak',
        status: 'dicetak',
      });
      const row = await recordingRow(db, id);
      // The 'terkirim' record again (a packet sent twice, a drive imported late).
      await projectRecordings(
        db,
        unitId,
        [
          {
            aggregate: 'recording',
            aggregateId: id,
            seq: Number(row?.station_seq) - 2,
            data: { STATUS_REKAM: 'terkirim' },
          },
        ],
        '2026-12-09T00:00:00.000Z',
      );
      expect(await recordingRow(db, id)).toEqual(row);
      // Another station's record about this id never touches it.
      await projectRecordings(
        db,
        randomUUID(),
        [{ aggregate: 'recording', aggregateId: id, seq: 10_000, data: { STATUS_REKAM: 'x' } }],
        '2026-12-09T00:00:00.000Z',
      );
      expect(await recordingRow(db, id)).toEqual(row);
    } finally {
      await close();
      await place.dispose();
    }
  });

  it('is filled by its migration from records and outcomes stored before it existed', async () => {
    const place = await openAt(backend, '2026_12_08_01_31_office_recordings');
    const old = await place.open(false);
    const { unitId } = await seedStation(old.db);
    const ids: string[] = [];
    // Records as an older hub stored them (no projection yet): insert them raw.
    const packetId = randomUUID();
    await old.db
      .insertInto('packets')
      .values({
        packet_id: packetId,
        unit_id: unitId,
        sha256: '0'.repeat(64),
        size: 1,
        state: 'committed',
        channel: 'usb',
        received_bytes: 1,
        announced_at: '2026-12-01T00:00:00.000Z',
        committed_at: '2026-12-01T00:00:00.000Z',
        receipt: null,
        file_name: null,
      })
      .execute();
    let seq = 0;
    const record = async (id: string, data: Record<string, unknown>) => {
      seq += 1;
      await old.db
        .insertInto('records')
        .values({
          outbox_id: randomUUID(),
          packet_id: packetId,
          unit_id: unitId,
          seq,
          aggregate: 'recording',
          aggregate_id: id,
          op: 'upsert',
          at: '2026-12-01T00:00:00.000Z',
          data: JSON.stringify(data),
          received_at: '2026-12-01T00:00:00.000Z',
        })
        .execute();
    };
    for (let i = 0; i < 3; i += 1) {
      const id = randomUUID();
      ids.push(id);
      await record(id, {
        event: 'created',
        NIK: `160201123456000${i}`,
        NAMA_LGKP: `WARGA ${i}`,
        TGL_REKAM: `2026-12-0${i + 1}T01:00:00.000Z`,
        STATUS_REKAM: 'direkam',
        IS_PEMULA: i === 0,
      });
    }
    await record(ids[2] as string, { STATUS_REKAM: 'terkirim', NIK: '1602011234560002' });
    // The district's outcome for the second, given through the CLI before the back-office.
    await insertUpdate(old.db, {
      unit_id: unitId,
      kind: 'recording-status',
      subject_id: ids[1] as string,
      payload: JSON.stringify({ status: 'duplicate', note: 'ganda', at: 'x' }),
      created_at: '2026-12-02T00:00:00.000Z',
    });
    await old.close();

    const now = await place.open(true);
    try {
      const rows = await now.db
        .selectFrom('office_recordings')
        .selectAll()
        .orderBy('recorded_at')
        .execute();
      expect(
        rows.map((r) => [r.recording_id, r.name, r.nik, r.status, r.decision, r.decision_note]),
      ).toEqual([
        [ids[0], 'WARGA 0', '1602011234560000', 'terkirim', null, null],
        [ids[1], 'WARGA 1', '1602011234560001', 'duplicate', 'duplicate', 'ganda'],
        [ids[2], 'WARGA 2', '1602011234560002', 'terkirim', null, null],
      ]);
      expect(rows.map((r) => [Number(r.is_first_time), r.station_status])).toEqual([
        [1, 'direkam'],
        [0, 'direkam'],
        [0, 'terkirim'],
      ]);
    } finally {
      await now.close();
      await place.dispose();
    }
  });
});
