import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutreachVisit } from '../../contract';
import type { Client } from '../../transport/client';
import { BUDI, RINA, SRI, value } from '../../testing/desk';
import { deskClient, runningEvent, visitCounts } from '../../testing/outreach-visits';
import { as, person, recordingArgs } from '../../testing/recording';
import { newPersonApplication } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';

let station: TestStation;
let eventId: string;
let desk1: Client;
let desk2: Client;

beforeEach(async () => {
  station = await createTestStation();
  eventId = runningEvent(station);
  desk1 = deskClient(station, SRI, 'meja-1').client;
  desk2 = deskClient(station, BUDI, 'meja-2').client;
});
afterEach(() => station.dispose());

async function arrive(
  name: string,
  services: Array<[string, string | null]> = [['kia-baru', null]],
): Promise<OutreachVisit> {
  return value(
    await desk1.send('outreach-visit-arrive', {
      eventId,
      name,
      nik: null,
      services: services.map(([serviceCode, subjectNik]) => ({
        serviceCode,
        subjectName: name,
        subjectNik,
      })),
    }),
  );
}

const callNext = (client: Client, visitId: string | null = null) =>
  client.send('outreach-call-next', { eventId, visitId });

const calls = () =>
  station.deps.sqlite
    .prepare(
      'SELECT v.number, c.desk, c.is_repeat FROM outreach_calls c JOIN outreach_visits v ON v.id = c.visit_id ORDER BY c.seq',
    )
    .all();

describe('outreach-call-next and -repeat', () => {
  it('takes the oldest waiting visit for the calling desk, or null when nobody waits', async () => {
    expect(await callNext(desk1)).toEqual({ ok: true, value: null });
    await arrive('Satu');
    await arrive('Dua');
    const called = await callNext(desk2);
    expect(called).toMatchObject({
      ok: true,
      value: { number: '001', status: 'called', desk: 'meja-2' },
    });
    expect(calls()).toEqual([{ number: '001', desk: 'meja-2', is_repeat: 0 }]);
    expect(await callNext(desk1)).toMatchObject({ ok: true, value: { number: '002' } });
  });

  it('never gives two desks calling at once the same visit', async () => {
    const desks = [desk1, desk2, deskClient(station, RINA, 'meja-3').client];
    for (let i = 0; i < 9; i++) await arrive(`Warga ${i + 1}`);
    const taken: string[] = [];
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(desks.map((d) => callNext(d)));
      for (const r of results) taken.push(r.ok && r.value ? r.value.number : JSON.stringify(r));
      // Each desk settles its visit before the next round.
      for (const [i, r] of results.entries()) {
        const visit = r.ok ? r.value : null;
        if (!visit || !desks[i]) continue;
        for (const s of visit.services)
          await desks[i].send('outreach-visit-service-set', {
            serviceId: s.id,
            status: 'done',
            reason: null,
          });
        await desks[i].send('outreach-visit-finish', { visitId: visit.id });
      }
    }
    expect([...taken].sort()).toEqual(
      Array.from({ length: 9 }, (_, i) => String(i + 1).padStart(3, '0')),
    );
    expect(new Set(calls().map((c) => (c as { number: string }).number)).size).toBe(9);
  });

  it('calls a named waiting visit; refuses a busy desk, a taken visit and a closed event', async () => {
    const first = await arrive('Satu');
    const second = await arrive('Dua');
    expect(await callNext(desk1, second.id)).toMatchObject({ ok: true, value: { number: '002' } });
    const before = visitCounts(station);
    expect(await callNext(desk1)).toMatchObject({ ok: false, error: { reason: 'DESK_BUSY' } });
    expect(await callNext(desk2, second.id)).toMatchObject({
      ok: false,
      error: { reason: 'NOT_WAITING' },
    });
    expect(await callNext(desk2, 'missing')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const other = runningEvent(station, { status: 'planned' });
    expect(await desk2.send('outreach-call-next', { eventId: other, visitId: null })).toMatchObject(
      { ok: false, error: { reason: 'EVENT_NOT_RUNNING' } },
    );
    // A visit of another event cannot be called through this one.
    expect(
      await desk2.send('outreach-call-next', { eventId: other, visitId: first.id }),
    ).toMatchObject({ ok: false });
    expect(visitCounts(station)).toEqual(before);
  });

  it('repeats a call at its own desk only (a supervisor may step in)', async () => {
    const visit = await arrive('Satu');
    await callNext(desk1);
    expect(await desk2.send('outreach-call-repeat', { visitId: visit.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'NOT_YOUR_DESK' },
    });
    expect(await desk1.send('outreach-call-repeat', { visitId: visit.id })).toMatchObject({
      ok: true,
      value: { number: '001', desk: 'meja-1' },
    });
    const supervisor = deskClient(station, RINA, 'meja-3').client;
    expect(await supervisor.send('outreach-call-repeat', { visitId: visit.id })).toMatchObject({
      ok: true,
    });
    expect(calls()).toEqual([
      { number: '001', desk: 'meja-1', is_repeat: 0 },
      { number: '001', desk: 'meja-1', is_repeat: 1 },
      { number: '001', desk: 'meja-1', is_repeat: 1 },
    ]);
    const waiting = await arrive('Dua');
    expect(await desk1.send('outreach-call-repeat', { visitId: waiting.id })).toMatchObject({
      ok: false,
      error: { reason: 'NOT_CALLED' },
    });
  });
});

describe('desk work on a visit', () => {
  it('links applications and recordings, settles each service and finishes the visit', async () => {
    const adult = person(station, 0, { birthDate: '1991-04-05' });
    const visit = await arrive('Satu', [
      ['perekaman-ktp-el', adult.nik],
      ['kia-baru', null],
      ['kk-perubahan', null],
    ]);
    await callNext(desk1);
    const [recording, kia, kk] = visit.services;
    if (!recording || !kia || !kk) throw new Error('three services');
    const recorded = value(
      await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: adult.ref }, 'red'),
      ),
    );
    const kiaApp = newPersonApplication(station, { 'pemohon-nama': 'Satu' }, 'kia-baru');
    const linked = await desk1.send('outreach-visit-service-link', {
      serviceId: recording.id,
      applicationId: null,
      recordingId: recorded.id,
    });
    expect(linked).toMatchObject({ ok: true, value: { status: 'serving' } });
    const kiaLinked = value(
      await desk1.send('outreach-visit-service-link', {
        serviceId: kia.id,
        applicationId: kiaApp,
        recordingId: null,
      }),
    );
    expect(kiaLinked.services[1]).toMatchObject({
      status: 'in-progress',
      applicationId: kiaApp,
      applicationNumber: expect.stringMatching(/^OKI-TEST-/),
    });
    expect(await desk1.send('outreach-visit-finish', { visitId: visit.id })).toMatchObject({
      ok: false,
      error: { reason: 'NOT_SETTLED' },
    });
    const set = (
      serviceId: string,
      status: 'done' | 'follow-up' | 'cancelled',
      reason: string | null,
    ) => desk1.send('outreach-visit-service-set', { serviceId, status, reason });
    expect(await set(kia.id, 'follow-up', null)).toMatchObject({
      ok: false,
      error: { reason: 'REASON_REQUIRED' },
    });
    value(await set(recording.id, 'done', 'ignored'));
    value(await set(kia.id, 'follow-up', 'Blanko KIA habis'));
    value(await set(kk.id, 'cancelled', 'Akta nikah belum dibawa'));
    const finished = value(await desk1.send('outreach-visit-finish', { visitId: visit.id }));
    expect(finished).toMatchObject({ status: 'done', finishedAt: '2026-11-29T02:00:00.000Z' });
    expect(finished.services.map((s) => [s.status, s.reason])).toEqual([
      ['done', null],
      ['follow-up', 'Blanko KIA habis'],
      ['cancelled', 'Akta nikah belum dibawa'],
    ]);
    // A finished visit is closed to further work, and the desk is free again.
    expect(await set(kk.id, 'done', null)).toMatchObject({
      ok: false,
      error: { reason: 'VISIT_FINISHED' },
    });
    expect(await callNext(desk1)).toEqual({ ok: true, value: null });
  });

  it('ends as "left" when every service was cancelled (the person did not come)', async () => {
    const visit = await arrive('Satu', [
      ['kia-baru', null],
      ['akta-kelahiran', null],
    ]);
    await callNext(desk1);
    for (const s of visit.services)
      value(
        await desk1.send('outreach-visit-service-set', {
          serviceId: s.id,
          status: 'cancelled',
          reason: 'Tidak hadir saat dipanggil',
        }),
      );
    expect(await desk1.send('outreach-visit-finish', { visitId: visit.id })).toMatchObject({
      ok: true,
      value: { status: 'left' },
    });
  });

  it('refuses the attacks on desk work and changes nothing', async () => {
    const adult = person(station, 0, { birthDate: '1991-04-05' });
    const other = person(station, 1, { birthDate: '1992-04-05' });
    const visit = await arrive('Satu', [
      ['perekaman-ktp-el', adult.nik],
      ['kia-baru', null],
    ]);
    const second = await arrive('Dua', [['kia-baru', null]]);
    const [recording, kia] = visit.services;
    if (!recording || !kia || !second.services[0]) throw new Error('services');
    const kiaApp = newPersonApplication(station, { 'pemohon-nama': 'Satu' }, 'kia-baru');
    const kkApp = newPersonApplication(station, { 'pemohon-nama': 'Satu' }, 'kk-perubahan');
    const otherRecording = value(
      await as(station, SRI).send(
        'recording-create',
        recordingArgs({ residentRef: other.ref }, 'blue'),
      ),
    );
    const link = (
      client: Client,
      serviceId: string,
      applicationId: string | null,
      recordingId: string | null,
    ) => client.send('outreach-visit-service-link', { serviceId, applicationId, recordingId });
    // Before the call nobody works on it.
    expect(await link(desk1, kia.id, kiaApp, null)).toMatchObject({
      ok: false,
      error: { reason: 'NOT_CALLED' },
    });
    await callNext(desk1);
    await callNext(desk2);
    const before = visitCounts(station);
    const serviceRows = () =>
      station.deps.sqlite.prepare('SELECT * FROM outreach_visit_services ORDER BY id').all();
    const rows = serviceRows();
    const refusals: Array<[Promise<unknown>, string]> = [
      // Desk 2 reaching into desk 1's visit.
      [link(desk2, kia.id, kiaApp, null), 'NOT_YOUR_DESK'],
      [
        desk2.send('outreach-visit-service-set', {
          serviceId: kia.id,
          status: 'done',
          reason: null,
        }),
        'NOT_YOUR_DESK',
      ],
      [desk2.send('outreach-visit-finish', { visitId: visit.id }), 'NOT_YOUR_DESK'],
      // An application of another service, a recording of another person, both or neither.
      [link(desk1, kia.id, kkApp, null), 'SERVICE_MISMATCH'],
      [link(desk1, recording.id, null, otherRecording.id), 'SUBJECT_MISMATCH'],
      [link(desk1, recording.id, kiaApp, null), 'WRONG_LINK_KIND'],
      [link(desk1, kia.id, kiaApp, otherRecording.id), 'BAD_LINK'],
      [link(desk1, kia.id, null, null), 'BAD_LINK'],
      [
        desk1.send('outreach-visit-service-set', {
          serviceId: kia.id,
          status: 'cancelled',
          reason: '  ',
        }),
        'REASON_REQUIRED',
      ],
    ];
    for (const [call, reason] of refusals)
      expect(await call, reason).toMatchObject({ ok: false, error: { reason } });
    expect(await link(desk1, kia.id, 'missing', null)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(serviceRows()).toEqual(rows);
    expect(visitCounts(station)).toEqual(before);
    // One application belongs to one service only.
    value(await link(desk1, kia.id, kiaApp, null));
    expect(await link(desk2, second.services[0].id, kiaApp, null)).toMatchObject({
      ok: false,
      error: { reason: 'ALREADY_LINKED' },
    });
  });
});
