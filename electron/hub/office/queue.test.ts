import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeProblem } from '../../contract/office';
import type {
  QueueCounts,
  QueueDetail,
  QueueFilterChoices,
  QueueListResult,
  QueueRow,
} from '../../contract/office/queue';
import { appendOutbox } from '../../../db/queries/outbox';
import { syncRun } from '../../core/sync/run';
import { applyEnrolmentAnswer, enrolmentRequest, syncTarget } from '../../core/sync/enrolment';
import { stationKeys, type StationKeys } from '../../core/sync/station-keys';
import { desk, NIK, photo, SRI, submitAtKiosk, value, type Desk } from '../../testing/desk';
import { HUB_BACKENDS } from '../../testing/hub';
import {
  hubFingerprint,
  startTestOffice,
  type OfficeClient,
  type TestOffice,
} from '../../testing/office';
import { createTestStation, type TestStation } from '../../testing/station';
import { decideApplication } from '../decisions';
import { backfillProjection, projectRecords } from './projection';

/**
 * The work queue from real station records (issue 15 item 4): a test station submits at its
 * kiosk, its desk verifies one, it syncs to a real hub whose back-office is served over HTTP,
 * and staff of each role list, read and claim.
 */

interface Person {
  nik: string;
  kk: string;
  name: string;
  village: string;
}

function answer<T>(response: { status: number; body: unknown }): T {
  if (response.status !== 200)
    throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}
const refusal = (response: { status: number; body: unknown }) => [
  response.status,
  (response.body as OfficeProblem).reason,
];

describe.each(HUB_BACKENDS)('work queue on %s', (backend) => {
  let station: TestStation;
  let office: TestOffice;
  let keys: StationKeys;
  let d: Desk;
  let verifikator: OfficeClient;
  let other: OfficeClient;
  let signer: OfficeClient;
  const ids: Record<'lost' | 'split' | 'move' | 'again', string> = {
    lost: '',
    split: '',
    move: '',
    again: '',
  };
  let person: Person;
  let away: { code: string; name: string; kecamatan: string };

  async function sync(): Promise<void> {
    const target = await syncTarget(station.deps);
    if (!target) throw new Error('not enrolled');
    const summary = await syncRun(station.deps, keys, target, { isForced: true });
    expect(summary.failed).toEqual([]);
  }

  beforeAll(async () => {
    station = await createTestStation();
    office = await startTestOffice({ backend, now: () => station.ports.clock.now() });
    keys = stationKeys(station.ports.keyStore);
    const enrolled = await office.hub.enrol(enrolmentRequest(station.deps, keys), office.url);
    const applied = await applyEnrolmentAnswer(station.deps, enrolled);
    if (!applied.ok) throw new Error(applied.problem);
    d = desk(station);
    person = station.deps.sqlite
      .prepare(
        `SELECT r.nik, r.kk_number AS kk, r.name, f.village_code AS village
         FROM residents r JOIN families f ON f.kk_number = r.kk_number
         WHERE r.is_alive = 1 ORDER BY r.id LIMIT 1`,
      )
      .get() as Person;
    const region = station.deps.sqlite
      .prepare("SELECT code, name FROM regions WHERE level = 'village' AND code <> ? LIMIT 1")
      .get(person.village) as { code: string; name: string };
    away = { ...region, kecamatan: region.code.slice(0, 6) };

    ids.lost = await submitAtKiosk(d, { photos: [photo('kk', 11)] });
    ids.split = await submitAtKiosk(d, {
      serviceCode: 'kk-pisah',
      fields: { 'pemohon-nik': person.nik, 'pemohon-no-kk': person.kk },
      photos: [photo('kk', 12), photo('ktp-el', 13)],
    });
    ids.move = await submitAtKiosk(d, {
      serviceCode: 'pindah-keluar',
      fields: {
        'pemohon-nik': person.nik,
        'pemohon-no-kk': person.kk,
        'pindah-klasifikasi': 'antar-desa',
        'pindah-alasan': 'pekerjaan',
        'alamat-wilayah': away.code,
        'alamat-jalan': 'JL. MERDEKA NO. 5',
        'alamat-rt': '1',
        'alamat-rw': '2',
        'jumlah-ikut': '1',
      },
      photos: [photo('kk', 14)],
    });
    ids.again = await submitAtKiosk(d, { photos: [photo('kk', 15)] });
    // The desk verifies the first one (its checklist and officer travel with the decision).
    const sri = d.as(SRI);
    value(await sri.send('desk-application-claim', { id: ids.lost }));
    for (const requirementCode of ['kk', 'surat-kehilangan-polisi'])
      value(
        await sri.send('desk-requirement-check', { id: ids.lost, requirementCode, state: 'ok' }),
      );
    value(await sri.send('desk-application-decide', { id: ids.lost, decision: 'approve' }));
    await sync();
    verifikator = await office.signInAs('verifikator');
    other = await office.signInAs('verifikator');
    signer = await office.signInAs('penandatangan');
  });
  afterAll(async () => {
    await office?.close();
    await station?.dispose();
  });

  it('projects every application the station sent, once, with its place and status', async () => {
    const rows = await office.hub.db.selectFrom('office_applications').selectAll().execute();
    expect(rows).toHaveLength(4);
    const byId = new Map(rows.map((r) => [r.application_id, r]));
    expect(byId.get(ids.lost)).toMatchObject({
      channel: 'kiosk',
      applicant_nik: NIK,
      station_status: 'diverifikasi',
      office_status: 'baru',
      service_code: 'ktp-el-hilang',
      unit_id: station.deps.unit.unit_id,
    });
    expect(byId.get(ids.lost)?.service_name).toMatch(/KTP/i);
    // The move's village is the one it answers; the split's is the family's in the registry.
    expect(byId.get(ids.move)).toMatchObject({
      village_code: away.code,
      village_name: away.name,
      kecamatan_code: away.kecamatan,
      station_status: 'diajukan',
    });
    expect(byId.get(ids.split)).toMatchObject({
      village_code: person.village,
      kecamatan_code: person.village.slice(0, 6),
      applicant_name: null,
    });
    expect(byId.get(ids.split)?.village_name).toBeTruthy();
  });

  it('lists with filters, paging and counts per status', async () => {
    const all = answer<QueueListResult>(await verifikator.call('queue-list', {}));
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.applicationId)).toEqual([
      ids.lost,
      ids.split,
      ids.move,
      ids.again,
    ]);
    expect(all.rows[0]?.applicantNik).toBe(`${NIK.slice(0, 6)}********${NIK.slice(14)}`);
    expect(all.rows[0]?.stationName).toBe(station.deps.unit.name);

    const page = answer<QueueListResult>(
      await verifikator.call('queue-list', { limit: 2, offset: 2, order: 'newest' }),
    );
    expect(page).toMatchObject({ total: 4, offset: 2, limit: 2 });
    expect(page.rows.map((r) => r.applicationId)).toEqual([ids.split, ids.lost]);

    const filtered = async (args: Record<string, unknown>) =>
      answer<QueueListResult>(await verifikator.call('queue-list', args)).rows.map(
        (r) => r.applicationId,
      );
    expect(await filtered({ service: 'kk-pisah' })).toEqual([ids.split]);
    expect(await filtered({ village: away.code })).toEqual([ids.move]);
    expect(await filtered({ kecamatan: away.kecamatan })).toContain(ids.move);
    expect(await filtered({ station: station.deps.unit.unit_id })).toHaveLength(4);
    expect(await filtered({ station: 'another-unit' })).toEqual([]);
    expect(await filtered({ channel: 'desk' })).toEqual([]);
    expect(await filtered({ text: person.nik })).toEqual([ids.split, ids.move]);
    expect(await filtered({ text: NIK })).toEqual([ids.lost, ids.again]);
    const number = all.rows[2]?.number ?? '';
    expect(await filtered({ text: number.toLowerCase() })).toEqual([ids.move]);
    // LIKE wildcards in the text are text: '%' matches nothing here.
    expect(await filtered({ text: '%' })).toEqual([]);
    expect(await filtered({ status: 'selesai' })).toEqual([]);
    // Age: everything was submitted "now"; a day later it is one day old.
    expect(await filtered({ olderThanDays: 1 })).toEqual([]);
    expect(await filtered({ olderThanDays: 0 })).toHaveLength(4);
    expect(await filtered({ submittedFrom: '2026-11-29', submittedTo: '2026-11-29' })).toHaveLength(
      4,
    );
    expect(await filtered({ submittedFrom: '2026-11-30' })).toEqual([]);
    expect(
      refusal(
        await verifikator.call('queue-list', {
          submittedFrom: '2026-11-30',
          submittedTo: '2026-11-29',
        }),
      ),
    ).toEqual([400, 'BAD_RANGE']);
    expect(refusal(await verifikator.call('queue-list', { limit: 1000 }))[0]).toBe(400);
    expect(refusal(await verifikator.call('queue-list', { village: "1' or 1=1" }))[0]).toBe(400);

    const counts = answer<QueueCounts>(
      await verifikator.call('queue-counts', { service: 'kk-pisah' }),
    );
    expect(counts).toEqual({
      baru: 1,
      diusulkan: 0,
      dikembalikan: 0,
      selesai: 0,
      ditolak: 0,
      all: 1,
    });
  });

  it('offers the stations, kecamatan, villages and services present, with their names', async () => {
    const choices = answer<QueueFilterChoices>(await verifikator.call('queue-filters', {}));
    expect(choices.stations).toEqual([
      { code: station.deps.unit.unit_id, name: station.deps.unit.name, count: 4 },
    ]);
    expect(choices.villages).toContainEqual({
      code: away.code,
      name: away.name,
      kecamatan: away.kecamatan,
      count: 1,
    });
    expect(choices.services.map((s) => s.code).sort()).toEqual([
      'kk-pisah',
      'ktp-el-hilang',
      'pindah-keluar',
    ]);
    expect(choices.services.every((s) => s.name !== null)).toBe(true);
    expect(choices.kecamatan.every((k) => /^\d{6}$/.test(k.code))).toBe(true);
  });

  it('shows the page: answers, registry current -> proposed, photos, desk, timeline, same NIK', async () => {
    const lost = answer<QueueDetail>(
      await verifikator.call('queue-get', { applicationId: ids.lost }),
    );
    expect(lost.applicant.nik).toBe(NIK);
    expect(lost.answers.find((a) => a.code === 'pemohon-nik')).toMatchObject({ value: NIK });
    expect(lost.answers.every((a) => a.label !== null)).toBe(true);
    expect(lost.photos).toHaveLength(1);
    expect(lost.photos[0]).toMatchObject({
      requirementCode: 'kk',
      width: 1200,
      height: 900,
      size: 2000,
      isStored: true,
    });
    expect(lost.photos[0]?.requirementLabel?.id).toBeTruthy();
    expect(lost.desk).toMatchObject({
      status: 'diverifikasi',
      officer: expect.stringContaining('Sri'),
    });
    expect(lost.desk?.checks.map((c) => [c.requirementCode, c.state])).toEqual(
      expect.arrayContaining([
        ['kk', 'ok'],
        ['surat-kehilangan-polisi', 'ok'],
      ]),
    );
    const steps = lost.timeline.map((e) => `${e.source}:${e.what}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'station:diajukan',
        'station:desk.application-claimed',
        'station:diverifikasi',
        'hub:dikirim',
      ]),
    );
    expect(lost.earlier.map((e) => e.applicationId)).toEqual([ids.again]);
    // A station with the photo's bytes: the office serves it to the page.
    const image = await verifikator.get(`/office/photo/${lost.photos[0]?.sha256 ?? ''}`);
    expect(image.status).toBe(200);

    const split = answer<QueueDetail>(
      await verifikator.call('queue-get', { applicationId: ids.split }),
    );
    expect(split.registry).toMatchObject({ nik: person.nik, name: person.name });
    const kk = split.registry?.lines.find((l) => l.element === 'NO_KK');
    expect(kk).toMatchObject({ current: person.kk, proposed: 'KK BARU (DITERBITKAN DISDUKCAPIL)' });
    expect(split.registry?.lines.find((l) => l.element === 'NAMA_LGKP')).toMatchObject({
      current: person.name,
      proposed: null,
    });
    const move = answer<QueueDetail>(
      await verifikator.call('queue-get', { applicationId: ids.move }),
    );
    expect(move.registry?.lines.find((l) => l.element === 'NAMA_KEL')?.proposed).toBe(away.name);
    expect(move.answers.find((a) => a.code === 'alamat-wilayah')?.display).toBe(away.name);

    expect(refusal(await verifikator.call('queue-get', { applicationId: 'nope' }))).toEqual([
      404,
      'NO_APPLICATION',
    ]);
    const audit = await office.hub.db
      .selectFrom('office_audit')
      .select('action')
      .where('action', '=', 'queue.application-read')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('lets one staff member hold a claim; another sees who; a penandatangan releases with a reason', async () => {
    const id = ids.split;
    const mine = answer<QueueRow>(await verifikator.call('queue-claim', { applicationId: id }));
    expect(mine.claim).toMatchObject({ isMine: true, name: verifikator.user?.displayName });
    // Claiming one's own again is fine and writes nothing.
    const before = await hubFingerprint(office.hub.db);
    answer<QueueRow>(await verifikator.call('queue-claim', { applicationId: id }));
    expect(await hubFingerprint(office.hub.db)).toEqual(before);

    const refused = await other.call('queue-claim', { applicationId: id });
    expect(refusal(refused)).toEqual([409, 'CLAIMED']);
    expect((refused.body as OfficeProblem).message).toContain(verifikator.user?.displayName);
    const seen = answer<QueueListResult>(await other.call('queue-list', { service: 'kk-pisah' }));
    expect(seen.rows[0]?.claim).toMatchObject({
      isMine: false,
      name: verifikator.user?.displayName,
    });

    expect(refusal(await other.call('queue-release', { applicationId: id }))).toEqual([
      403,
      'NOT_CLAIM_HOLDER',
    ]);
    expect(refusal(await signer.call('queue-release', { applicationId: id }))).toEqual([
      400,
      'REASON_REQUIRED',
    ]);
    expect(await hubFingerprint(office.hub.db)).toEqual(before);
    const released = answer<QueueRow>(
      await signer.call('queue-release', { applicationId: id, reason: 'Petugas sedang cuti' }),
    );
    expect(released.claim).toBeNull();
    expect(refusal(await signer.call('queue-release', { applicationId: id }))).toEqual([
      409,
      'NOT_CLAIMED',
    ]);
    // The holder releases freely.
    answer<QueueRow>(await other.call('queue-claim', { applicationId: id }));
    expect(
      answer<QueueRow>(await other.call('queue-release', { applicationId: id })).claim,
    ).toBeNull();
    const actions = await office.hub.db
      .selectFrom('office_audit')
      .select(['action', 'detail'])
      .where('action', 'in', ['queue.application-claimed', 'queue.claim-released'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'queue.application-claimed',
      'queue.claim-released',
      'queue.application-claimed',
      'queue.claim-released',
    ]);
    expect(actions[1]?.detail).toContain('Petugas sedang cuti');
    expect(refusal(await other.call('queue-claim', { applicationId: 'nope' }))).toEqual([
      404,
      'NO_APPLICATION',
    ]);
  });

  it('gives a claim raced by two staff members to exactly one', async () => {
    for (const id of [ids.move, ids.again]) {
      const answers = await Promise.all([
        verifikator.call('queue-claim', { applicationId: id }),
        other.call('queue-claim', { applicationId: id }),
        signer.call('queue-claim', { applicationId: id }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      const row = await office.hub.db
        .selectFrom('office_applications')
        .select('claimed_by')
        .where('application_id', '=', id)
        .executeTakeFirstOrThrow();
      const winner = answers.findIndex((a) => a.status === 200);
      expect(row.claimed_by).toBe([verifikator, other, signer][winner]?.user?.id);
      const holder = [verifikator, other, signer][winner];
      answer<QueueRow>((await holder?.call('queue-release', { applicationId: id })) ?? answers[0]!);
    }
  });

  it('puts a returned application back to baru when the station sends it again', async () => {
    const id = ids.lost;
    await office.hub.db
      .updateTable('office_applications')
      .set({
        office_status: 'dikembalikan',
        proposal: 'return',
        proposal_note: 'Foto KK buram',
        proposed_by: 'x',
        proposed_at: '2026-11-29T03:00:00.000Z',
        decided_at: '2026-11-29T03:00:00.000Z',
        decision_reason: 'Foto KK buram',
      })
      .where('application_id', '=', id)
      .execute();
    const sendAgain = (status: string) =>
      appendOutbox(station.deps.db, {
        id: station.ports.ids.uuid(),
        aggregate: 'application',
        aggregateId: id,
        op: 'upsert',
        at: station.ports.clock.now().toISOString(),
        payload: {
          number: 'x',
          serviceCode: 'ktp-el-hilang',
          status,
          at: station.ports.clock.now().toISOString(),
          actor: 'Sri Wahyuni',
          reason: null,
          checks: [],
        },
      });
    // The desk reopening it at the station is not a re-submission...
    await sendAgain('berkas-kurang');
    await sync();
    const reopened = () =>
      office.hub.db
        .selectFrom('office_applications')
        .selectAll()
        .where('application_id', '=', id)
        .executeTakeFirstOrThrow();
    expect(await reopened()).toMatchObject({
      office_status: 'dikembalikan',
      station_status: 'berkas-kurang',
    });
    // ...its verification, sent to the district again, is.
    await sendAgain('diverifikasi');
    await sync();
    expect(await reopened()).toMatchObject({
      office_status: 'baru',
      station_status: 'diverifikasi',
      proposal: null,
      proposal_note: null,
      decided_at: null,
      decision_reason: null,
    });
  });

  it('back-fills records stored before the queue, with the CLI decisions made on them', async () => {
    const at = office.hub.at();
    const rejected = await decideApplication(
      office.hub,
      {
        applicationId: ids.again,
        decision: 'reject',
        reason: 'Data tidak sesuai',
        signerName: 'Kasi',
        signerTitle: 'Kasi Pelayanan',
      },
      at,
    );
    expect(rejected.ok).toBe(true);
    const before = await office.hub.db
      .selectFrom('office_applications')
      .select(['application_id', 'number', 'village_code', 'station_status'])
      .orderBy('application_id')
      .execute();
    await office.hub.db.deleteFrom('office_applications').execute();
    expect(await backfillProjection(office.hub.db, at)).toBe(4);
    expect(await backfillProjection(office.hub.db, at)).toBe(0);
    const after = await office.hub.db
      .selectFrom('office_applications')
      .selectAll()
      .orderBy('application_id')
      .execute();
    expect(
      after.map((r) => ({
        application_id: r.application_id,
        number: r.number,
        village_code: r.village_code,
        station_status: r.station_status,
      })),
    ).toEqual(before);
    expect(after.find((r) => r.application_id === ids.again)).toMatchObject({
      office_status: 'ditolak',
      decision_reason: 'Data tidak sesuai',
      decided_by_name: 'Kasi',
    });
  });

  it('keeps a row to its station, skips malformed records and reads records without issue-15 fields', async () => {
    const at = office.hub.at();
    const unitId = station.deps.unit.unit_id;
    const row = () =>
      office.hub.db
        .selectFrom('office_applications')
        .selectAll()
        .where('application_id', '=', ids.move)
        .executeTakeFirstOrThrow();
    const was = await row();
    // Another station naming this application's id changes nothing (the record is stored under
    // its own unit; the projection reads only the row's unit's records).
    await office.hub.db.transaction().execute(async (trx) => {
      await projectRecords(
        trx,
        'another-unit',
        [
          {
            aggregate: 'application',
            aggregate_id: ids.move,
            data: JSON.stringify({ number: 'FAKE', status: 'diverifikasi', checks: [] }),
          },
          { aggregate: 'application', aggregate_id: 'x', data: '{not json' },
          { aggregate: 'application', aggregate_id: 'y', data: '[1,2]' },
          { aggregate: 'application', aggregate_id: 'z', data: 'null' },
        ],
        at,
      );
    });
    expect(await row()).toEqual(was);
    // A record as stations wrote it before issue 15: no registry, no display.
    const old = 'old-application-1';
    await office.hub.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('records')
        .values({
          outbox_id: 'old-outbox-1',
          packet_id: (await trx.selectFrom('packets').select('packet_id').executeTakeFirstOrThrow())
            .packet_id,
          unit_id: unitId,
          seq: 999_999,
          aggregate: 'application',
          aggregate_id: old,
          op: 'upsert',
          at,
          data: JSON.stringify({
            id: old,
            number: 'OLD-0001',
            service_code: 'ktp-el-hilang',
            status: 'diajukan',
            NIK: NIK,
            NO_KK: null,
            NAMA_LGKP: null,
            fields: { 'pemohon-nik': NIK },
            channel: 'desk',
            created_at: '2026-11-01T01:00:00.000Z',
            unit_id: unitId,
            is_training: 1,
            photos: [],
            status_history: [{ status: 'diajukan', at, actor: 'Petugas' }],
          }),
          received_at: at,
        })
        .execute();
      await projectRecords(
        trx,
        unitId,
        [{ aggregate: 'application', aggregate_id: old, data: '{"status":"diajukan"}' }],
        at,
      );
    });
    const page = answer<QueueDetail>(await verifikator.call('queue-get', { applicationId: old }));
    expect(page.row).toMatchObject({
      serviceName: null,
      channel: 'desk',
      villageCode: station.deps.unit.region_code,
    });
    expect(page.registry).toBeNull();
    expect(page.answers).toEqual([{ code: 'pemohon-nik', label: null, value: NIK, display: NIK }]);
    const older = answer<QueueListResult>(
      await verifikator.call('queue-list', { olderThanDays: 20 }),
    );
    expect(older.rows.map((r) => r.applicationId)).toEqual([old]);
  });
});
