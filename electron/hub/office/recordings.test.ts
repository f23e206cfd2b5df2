import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingsCsvCheck, RecordingsList } from '../../contract/office/recordings';
import { HUB_BACKENDS } from '../../testing/hub';
import {
  hubFingerprint,
  startTestOffice,
  type OfficeClient,
  type TestOffice,
} from '../../testing/office';
import { seedRecordings, seedStation, type SeededStation } from '../../testing/office-recordings';

const nik = (n: number) => `160201123456${String(n).padStart(4, '0')}`;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe.each(HUB_BACKENDS)('back-office KTP-el recordings (%s)', (backend) => {
  let office: TestOffice;
  let verifier: OfficeClient;
  let signer: OfficeClient;
  let north: SeededStation;
  let south: SeededStation;
  /** Recordings awaiting an outcome at the north station: nik(1)..nik(6). */
  let waiting: string[];
  let printed: string;

  beforeAll(async () => {
    office = await startTestOffice({ backend });
    verifier = await office.signInAs('verifikator');
    signer = await office.signInAs('penandatangan');
    north = await seedStation(office.hub.db, { name: 'Kecamatan Utara' });
    south = await seedStation(office.hub.db, { name: 'Kecamatan Selatan' });
    waiting = await seedRecordings(
      office.hub.db,
      north.unitId,
      [1, 2, 3, 4, 5, 6].map((n) => ({
        nik: nik(n),
        name: n === 3 ? 'SITI AMINAH' : `WARGA ${n}`,
        recordedAt: `2026-12-0${n}T02:00:00.000Z`,
        later: ['terkirim'],
      })),
    );
    const [printedId] = await seedRecordings(office.hub.db, south.unitId, [
      { nik: nik(7), name: 'BUDI', later: ['terkirim', 'prr', 'dicetak'] },
    ]);
    printed = printedId as string;
    // Two recordings of one NIK awaiting an outcome (a re-recording).
    await seedRecordings(office.hub.db, south.unitId, [{ nik: nik(8) }, { nik: nik(8) }]);
  });
  afterAll(async () => {
    await office.close();
  });

  const list = async (client: OfficeClient, args: Record<string, unknown>) => {
    const answer = await client.call('recordings-list', { page: 1, ...args });
    expect(answer.status).toBe(200);
    return answer.body as RecordingsList;
  };
  const updatesOf = (subjectId: string) =>
    office.hub.db
      .selectFrom('updates')
      .select(['unit_id', 'kind', 'payload'])
      .where('subject_id', '=', subjectId)
      .orderBy('seq')
      .execute();
  const auditOf = (action: string) =>
    office.hub.db
      .selectFrom('office_audit')
      .select(['user_name', 'detail'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();

  it('lists recordings from the stations’ records, filtered by station, status and text', async () => {
    const all = await list(verifier, {});
    expect(all.total).toBe(9);
    expect(all.counts).toEqual({ terkirim: 8, dicetak: 1 });
    expect(all.stations.map((s) => s.name)).toEqual(['Kecamatan Selatan', 'Kecamatan Utara']);
    const north6 = all.rows.find((r) => r.recordingId === waiting[5]);
    expect(north6).toMatchObject({
      unitId: north.unitId,
      stationName: 'Kecamatan Utara',
      maskedNik: '160201********06',
      name: 'WARGA 6',
      status: 'terkirim',
      canMark: true,
    });
    // Never the whole NIK in a list.
    expect(JSON.stringify(all)).not.toContain(nik(6));

    const byStation = await list(verifier, { unitId: south.unitId });
    expect(byStation.total).toBe(3);
    expect((await list(verifier, { status: 'dicetak' })).rows.map((r) => r.recordingId)).toEqual([
      printed,
    ]);
    expect((await list(verifier, { text: nik(3) })).rows.map((r) => r.name)).toEqual([
      'SITI AMINAH',
    ]);
    expect((await list(verifier, { text: 'aminah' })).rows.map((r) => r.name)).toEqual([
      'SITI AMINAH',
    ]);
    // LIKE wildcards typed by the user are text, not patterns.
    expect((await list(verifier, { text: '%' })).total).toBe(0);
  });

  it('marks one or many as PRR through the updates stations pull, audited per recording', async () => {
    const answer = await verifier.call('recordings-mark', {
      recordingIds: [waiting[0] as string, waiting[1] as string],
      status: 'prr',
      note: 'hasil deduplikasi pusat',
    });
    expect(answer).toMatchObject({ status: 200, body: { marked: 2 } });
    for (const id of [waiting[0], waiting[1]] as string[]) {
      const updates = await updatesOf(id);
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ unit_id: north.unitId, kind: 'recording-status' });
      expect(JSON.parse(updates[0]?.payload ?? '{}')).toMatchObject({
        status: 'prr',
        note: 'hasil deduplikasi pusat',
      });
    }
    const row = (await list(verifier, { text: nik(1) })).rows[0];
    expect(row).toMatchObject({
      status: 'prr',
      decision: 'prr',
      decidedBy: verifier.user?.displayName,
      canMark: false,
    });
    const audit = await auditOf('recordings.marked');
    expect(audit.map((a) => (JSON.parse(a.detail) as { recordingId: string }).recordingId)).toEqual(
      [waiting[0], waiting[1]],
    );
  });

  it('refuses, changing nothing: a decided recording (409), an unknown id (404), bad input (400)', async () => {
    const before = await hubFingerprint(office.hub.db);
    const again = await signer.call('recordings-mark', {
      recordingIds: [waiting[2] as string, waiting[0] as string],
      status: 'duplicate',
    });
    expect(again).toMatchObject({ status: 409, body: { reason: 'RECORDING_DECIDED' } });
    const printedToo = await signer.call('recordings-mark', {
      recordingIds: [printed],
      status: 'prr',
    });
    expect(printedToo).toMatchObject({ status: 409, body: { reason: 'RECORDING_DECIDED' } });
    const unknown = await signer.call('recordings-mark', {
      recordingIds: [waiting[2] as string, 'no-such-recording'],
      status: 'prr',
    });
    expect(unknown).toMatchObject({ status: 404, body: { reason: 'UNKNOWN_RECORDING' } });
    for (const bad of [
      { recordingIds: [waiting[2]], status: 'dicetak' },
      { recordingIds: [], status: 'prr' },
      { recordingIds: [waiting[2]], status: 'prr', note: 'x'.repeat(301) },
      { recordingIds: Array.from({ length: 501 }, (_, i) => `r${i}`), status: 'prr' },
    ]) {
      const refused = await signer.call('recordings-mark', bad);
      expect(refused.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(await hubFingerprint(office.hub.db)).toEqual(before);
  });

  const CSV = [
    'No;Nama;NIK',
    `1;WARGA 3;'${nik(3)}`,
    '2;SALAH;1,60201E+15',
    `3;DOBEL;${nik(3)}`,
    `4;TIDAK ADA;${nik(99)}`,
    `5;SUDAH;${nik(1)}`,
    `6;DUA REKAMAN;${nik(8)}`,
    '',
    `8;WARGA 4;${nik(4)}`,
  ].join('\r\n');

  it('checks a CSV line by line, naming every bad line, and applies nothing', async () => {
    const before = await hubFingerprint(office.hub.db);
    const answer = await verifier.call('recordings-csv-check', { csvBase64: b64(`\uFEFF${CSV}`) });
    expect(answer.status).toBe(200);
    const check = answer.body as RecordingsCsvCheck;
    expect(check).toMatchObject({ lines: 7, hasHeader: true, separator: ';', goodCount: 2 });
    expect(check.good.map((g) => [g.line, g.recordingId])).toEqual([
      [2, waiting[2]],
      [9, waiting[3]],
    ]);
    expect(check.problems).toEqual([
      { line: 3, value: '1,60201E+15', problem: 'NIK_FORMAT' },
      { line: 4, value: nik(3), problem: 'DUPLICATE_IN_FILE', firstLine: 2 },
      { line: 5, value: nik(99), problem: 'NOT_FOUND' },
      { line: 6, value: nik(1), problem: 'ALREADY_DECIDED', status: 'prr' },
      { line: 7, value: nik(8), problem: 'AMBIGUOUS', count: 2 },
    ]);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);
  });

  it('applies a CSV with problems only when the user confirmed them, and only its good lines', async () => {
    const csvBase64 = b64(CSV);
    const check = (await verifier.call('recordings-csv-check', { csvBase64 }))
      .body as RecordingsCsvCheck;
    const before = await hubFingerprint(office.hub.db);
    const apply = (extra: Record<string, unknown>) =>
      verifier.call('recordings-csv-apply', {
        csvBase64,
        status: 'prr',
        confirmed: true,
        acceptProblems: false,
        checkToken: check.checkToken,
        ...extra,
      });
    expect(await apply({})).toMatchObject({ status: 409, body: { reason: 'CSV_HAS_PROBLEMS' } });
    expect((await apply({ confirmed: false })).status).toBe(400);
    expect((await apply({ confirmed: undefined })).status).toBe(400);
    expect(await apply({ acceptProblems: true, checkToken: 'a'.repeat(64) })).toMatchObject({
      status: 409,
      body: { reason: 'CSV_CHANGED' },
    });
    // The same token for another file: refused too.
    expect(
      await apply({ acceptProblems: true, csvBase64: b64(CSV.replace(nik(4), nik(5))) }),
    ).toMatchObject({ status: 409, body: { reason: 'CSV_CHANGED' } });
    expect(await hubFingerprint(office.hub.db)).toEqual(before);

    const applied = await apply({ acceptProblems: true, note: 'daftar PRR 2 Des' });
    expect(applied).toMatchObject({ status: 200, body: { applied: 2, skipped: 5 } });
    for (const id of [waiting[2], waiting[3]] as string[])
      expect(JSON.parse((await updatesOf(id))[0]?.payload ?? '{}')).toMatchObject({
        status: 'prr',
        note: 'daftar PRR 2 Des',
      });
    expect(await updatesOf(waiting[4] as string)).toEqual([]);
    const summary = await auditOf('recordings.csv-applied');
    expect(JSON.parse(summary[0]?.detail ?? '{}')).toMatchObject({
      applied: 2,
      skipped: 5,
      skippedLines: [3, 4, 5, 6, 7],
    });
    // Applying the same check again: the state changed, so its token no longer holds.
    expect(await apply({ acceptProblems: true })).toMatchObject({
      status: 409,
      body: { reason: 'CSV_CHANGED' },
    });
  });

  it('applies a clean CSV without acceptProblems', async () => {
    const csvBase64 = b64(`${nik(5)}\n`);
    const check = (await signer.call('recordings-csv-check', { csvBase64 }))
      .body as RecordingsCsvCheck;
    expect(check.problemCount).toBe(0);
    const applied = await signer.call('recordings-csv-apply', {
      csvBase64,
      status: 'duplicate',
      confirmed: true,
      acceptProblems: false,
      checkToken: check.checkToken,
    });
    expect(applied).toMatchObject({ status: 200, body: { applied: 1, skipped: 0 } });
    expect((await list(signer, { status: 'duplicate' })).rows.map((r) => r.recordingId)).toEqual([
      waiting[4],
    ]);
  });

  it('refuses files that are not CSV or too large, before reading anything', async () => {
    const before = await hubFingerprint(office.hub.db);
    const xlsx = Buffer.from('PK\u0003\u0004rest-of-a-zip', 'latin1').toString('base64');
    expect(await verifier.call('recordings-csv-check', { csvBase64: xlsx })).toMatchObject({
      status: 400,
      body: { reason: 'CSV_NOT_TEXT' },
    });
    expect(await verifier.call('recordings-csv-check', { csvBase64: 'not base64!' })).toMatchObject(
      { status: 400 },
    );
    const big = Buffer.alloc(1024 * 1024 + 10, 0x31).toString('base64');
    const tooLarge = await verifier.call('recordings-csv-check', { csvBase64: big });
    expect(tooLarge.status).toBe(400);
    // A body over the handler's limit is refused unread.
    const huge = await verifier.call('recordings-csv-check', {
      csvBase64: 'A'.repeat(3 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);
  });
});
