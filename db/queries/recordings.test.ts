import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../electron/testing/db';
import {
  countingRecordingOf,
  countRecordingsByStatus,
  getRecordingHead,
  getRecordingImages,
  insertRecording,
  insertRecordingEvent,
  listRecordings,
  recordingEvents,
  updateRecording,
  type NewRecording,
} from './recordings';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.dispose());

const NIK = '1602054107900001';
const row = (id: string, over: Partial<NewRecording> = {}): NewRecording => ({
  id,
  subject_type: 'resident',
  resident_nik: NIK,
  application_id: null,
  name: 'SITI AMINAH',
  birth_date: '1990-07-01',
  citizenship: 'WNI',
  is_pemula: 0,
  status: 'direkam',
  background: 'blue',
  measured_background: 'blue',
  portrait_jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  portrait_sha256: 'a'.repeat(64),
  portrait_checks: '[]',
  override_reason: null,
  signature_strokes: '{"width":600,"height":200,"strokes":[]}',
  signature_png: new Uint8Array([0x89, 0x50]),
  fingerprints_done: 1,
  iris_done: 1,
  biometrics_by: 'Sri',
  biometrics_at: '2026-11-29T02:00:00.000Z',
  recorded_by_user_id: 'u1',
  recorded_by: 'Sri',
  recorded_at: '2026-11-29T02:00:00.000Z',
  updated_at: '2026-11-29T02:00:00.000Z',
  card_uid: null,
  recipient_name: null,
  recipient_relation: null,
  handed_at: null,
  handed_by: null,
  ...over,
});

describe('recordings queries', () => {
  it('stores a recording, reads its head without the images and the images apart', async () => {
    await insertRecording(t.db, row('r1'));
    const head = await getRecordingHead(t.db, 'r1');
    expect(head).toMatchObject({ id: 'r1', status: 'direkam', resident_nik: NIK });
    expect(head).not.toHaveProperty('portrait_jpeg');
    const images = await getRecordingImages(t.db, 'r1');
    expect(Buffer.from(images?.portrait ?? [])).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect(await getRecordingHead(t.db, 'nope')).toBeNull();
    expect(await getRecordingImages(t.db, 'nope')).toBeNull();
  });

  it('finds the recording that counts: any status but duplicate, newest first', async () => {
    await insertRecording(t.db, row('r1', { status: 'duplicate' }));
    expect(await countingRecordingOf(t.db, { nik: NIK })).toBeNull();
    await insertRecording(t.db, row('r2', { recorded_at: '2026-11-30T02:00:00.000Z' }));
    expect(await countingRecordingOf(t.db, { nik: NIK })).toEqual({ id: 'r2', status: 'direkam' });
    expect(await countingRecordingOf(t.db, { applicationId: 'a1' })).toBeNull();
  });

  it('keeps events in order, lists by change and counts per status', async () => {
    await insertRecording(t.db, row('r1'));
    await insertRecording(t.db, row('r2', { resident_nik: '1602054107900002' }));
    await updateRecording(t.db, 'r1', {
      status: 'terkirim',
      updated_at: '2026-11-29T05:00:00.000Z',
    });
    for (const status of ['direkam', 'terkirim'])
      await insertRecordingEvent(t.db, {
        recording_id: 'r1',
        status,
        at: '2026-11-29T05:00:00.000Z',
        actor_user_id: null,
        actor_name: 'Disdukcapil',
        source: 'district',
        note: null,
      });
    expect((await recordingEvents(t.db, 'r1')).map((e) => e.status)).toEqual([
      'direkam',
      'terkirim',
    ]);
    expect((await listRecordings(t.db, { limit: 10 })).map((r) => r.id)).toEqual(['r1', 'r2']);
    expect((await listRecordings(t.db, { limit: 1, offset: 1 })).map((r) => r.id)).toEqual(['r2']);
    expect(
      (await listRecordings(t.db, { status: 'terkirim', limit: 10 })).map((r) => r.id),
    ).toEqual(['r1']);
    expect(await countRecordingsByStatus(t.db)).toEqual({
      direkam: 1,
      terkirim: 1,
      prr: 0,
      duplicate: 0,
      dicetak: 0,
      diserahkan: 0,
    });
  });

  it('the schema refuses a lower-case card UID and an event of an unknown recording', async () => {
    await expect(insertRecording(t.db, row('r1', { card_uid: 'a1b2c3d4' }))).rejects.toThrow(
      /CHECK/,
    );
    await expect(
      insertRecordingEvent(t.db, {
        recording_id: 'nope',
        status: 'direkam',
        at: '2026-11-29T05:00:00.000Z',
        actor_user_id: null,
        actor_name: 'x',
        source: 'station',
        note: null,
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
