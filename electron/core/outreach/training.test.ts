import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutreachEventDetail, PushEvents } from '../../contract';
import { KIOSK, RINA, SRI } from '../../testing/desk';
import { kijangUluPlan, KIJANG_ULU } from '../../testing/outreach-plan';
import { deskClient, runningEvent, TODAY, visitCounts } from '../../testing/outreach-visits';
import { createTestStation, type TestStation } from '../../testing/station';
import type { Client } from '../../transport/client';
import type { Session } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { trainingTaskId } from './app-training';
import {
  ageOn,
  FOLLOW_UP_REASONS,
  isChildService,
  planTrainingVisitors,
  TRAINING_DESKS,
  TRAINING_MAX_VISITORS,
} from './training';

/** The trainer on a training station: the training switch gives a supervisor session. */
const TRAINER: Session = { role: 'supervisor', userName: 'Petugas Pelatihan', mode: 'officer' };
const SERVICES = ['perekaman-ktp-el', 'kk-perubahan', 'kia-baru'];

let station: TestStation;
let connections = 0;

/** A fresh training station for each test of a describe block that changes it. */
function freshStation(): void {
  beforeEach(async () => {
    station = await createTestStation();
  });
  afterEach(() => station.dispose());
}

function connect(session: Session = TRAINER): Client {
  return memoryPair(station.dispatcher, `training-${++connections}`, { ...session });
}

interface Person {
  nik: string;
  name: string;
  kk: string;
  birth_date: string;
  village_code: string;
}
const person = (nik: string): Person =>
  station.deps.sqlite
    .prepare(
      'SELECT nik, name, kk_number AS kk, birth_date, village_code FROM residents WHERE nik = ?',
    )
    .get(nik) as Person;

/** An event planned and started over the handlers, as the plan screen does. */
async function startedEvent(client: Client): Promise<string> {
  const saved = await client.send('outreach-event-save', {
    eventId: null,
    plan: kijangUluPlan({
      team: [],
      services: SERVICES.map((serviceCode) => ({ serviceCode, target: 20 })),
    }),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const started = await client.send('outreach-event-start', {
    eventId: saved.value.id,
    overrideReason: 'Latihan tim di stasiun pelatihan',
  });
  if (!started.ok) throw new Error(started.error.message);
  return (started.value as OutreachEventDetail).id;
}

/** Resolves once `client` has received `count` pushes `name` (the pushes follow the replies). */
function pushes<N extends 'outreach-called' | 'progress'>(
  client: Client,
  name: N,
  count: number,
): { seen: Array<PushEvents[N]>; all: Promise<Array<PushEvents[N]>> } {
  const seen: Array<PushEvents[N]> = [];
  const all = new Promise<Array<PushEvents[N]>>((resolve) =>
    client.listen(name, (payload) => {
      seen.push(payload);
      if (seen.length === count) resolve(seen);
    }),
  );
  return { seen, all };
}

describe('planTrainingVisitors (issue 16 item 7)', () => {
  // Reads only: one station for the block.
  beforeAll(async () => {
    station = await createTestStation();
  });
  afterAll(() => station.dispose());
  const options = {
    villageCodes: [KIJANG_ULU],
    serviceCodes: SERVICES,
    visitors: 40,
    seed: 11,
    today: TODAY,
  };

  it("draws the same adults of the event's villages for the same seed, others for another", () => {
    const first = planTrainingVisitors(station.deps.sqlite, options);
    expect(planTrainingVisitors(station.deps.sqlite, options)).toEqual(first);
    const other = planTrainingVisitors(station.deps.sqlite, { ...options, seed: 12 });
    expect(other.map((v) => v.nik)).not.toEqual(first.map((v) => v.nik));
    expect(first).toHaveLength(40);
    // Each person once while the registry lasts.
    expect(new Set(first.map((v) => v.nik)).size).toBe(40);
    for (const visitor of first) {
      const row = person(visitor.nik);
      expect(row.name).toBe(visitor.name);
      expect(row.village_code).toBe(KIJANG_ULU);
      expect(ageOn(row.birth_date, TODAY)).toBeGreaterThanOrEqual(17);
    }
  });

  it('asks for 1-3 offered services; a KIA is for a child under 17 of the same KK', () => {
    const visitors = planTrainingVisitors(station.deps.sqlite, { ...options, visitors: 120 });
    const counts = new Set(visitors.map((v) => v.services.length));
    expect([...counts].sort()).toEqual([1, 2, 3]);
    let kias = 0;
    for (const visitor of visitors) {
      const keys = visitor.services.map((s) => `${s.serviceCode}|${s.subjectNik}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(visitor.outcomes).toHaveLength(visitor.services.length);
      for (const service of visitor.services) {
        expect(SERVICES).toContain(service.serviceCode);
        if (!isChildService(service.serviceCode)) {
          expect(service.subjectNik).toBe(visitor.nik);
          continue;
        }
        kias += 1;
        const child = person(service.subjectNik as string);
        expect(child.name).toBe(service.subjectName);
        expect(child.kk).toBe(person(visitor.nik).kk);
        expect(ageOn(child.birth_date, TODAY)).toBeLessThan(17);
      }
    }
    expect(kias).toBeGreaterThan(0);
    const outcomes = visitors.flatMap((v) => v.outcomes);
    const followUps = outcomes.filter((o) => o.status === 'follow-up');
    expect(followUps.length).toBeGreaterThan(0);
    expect(followUps.length).toBeLessThan(outcomes.length / 3);
    for (const o of followUps) expect(FOLLOW_UP_REASONS).toContain(o.reason);
  });

  it('gives exactly the services per visitor asked for, and refuses an empty village', () => {
    const two = planTrainingVisitors(station.deps.sqlite, {
      ...options,
      servicesPerVisitor: { min: 2, max: 2 },
    });
    expect(two.every((v) => v.services.length === 2)).toBe(true);
    expect(() =>
      planTrainingVisitors(station.deps.sqlite, { ...options, villageCodes: ['9999999999'] }),
    ).toThrow(/no adults/);
  });
});

describe('outreach-training-run (issue 16 item 7)', () => {
  freshStation();

  it('serves a whole synthetic day at meja-1..meja-3 through the desks’ own functions', async () => {
    const trainer = connect();
    const eventId = await startedEvent(trainer);
    const display = memoryPair(station.dispatcher, 'hall-tv', { ...KIOSK });
    const called = pushes(display, 'outreach-called', 12);
    const progress = pushes(trainer, 'progress', 12);

    const run = await trainer.send('outreach-training-run', { eventId, visitors: 12, seed: 7 });

    const plan = planTrainingVisitors(station.deps.sqlite, {
      villageCodes: [KIJANG_ULU],
      serviceCodes: SERVICES,
      visitors: 12,
      seed: 7,
      today: TODAY,
    });
    const serviceCount = plan.reduce((n, v) => n + v.services.length, 0);
    expect(run).toEqual({ ok: true, value: { visitors: 12, services: serviceCount } });
    const visits = station.deps.sqlite
      .prepare(
        'SELECT id, number, name, nik, status, desk FROM outreach_visits WHERE event_id = ? ORDER BY number',
      )
      .all(eventId) as Array<{
      id: string;
      number: string;
      name: string;
      nik: string;
      status: string;
      desk: string;
    }>;
    // The planned visitors, in arrival order, each finished at one of the three desks.
    expect(visits.map((v) => [v.name, v.nik, v.status])).toEqual(
      plan.map((p) => [p.name, p.nik, 'done']),
    );
    expect(visits.map((v) => v.number)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(3, '0')),
    );
    expect(new Set(visits.map((v) => v.desk))).toEqual(new Set(TRAINING_DESKS));
    // Each service settled as planned: done, or follow-up with the officer's reason.
    const services = station.deps.sqlite.prepare(
      'SELECT service_code, subject_nik, status, reason FROM outreach_visit_services WHERE visit_id = ? ORDER BY position',
    );
    visits.forEach((visit, i) => {
      const planned = plan[i] as (typeof plan)[number];
      expect(services.all(visit.id)).toEqual(
        planned.services.map((s, j) => ({
          service_code: s.serviceCode,
          subject_nik: s.subjectNik,
          status: planned.outcomes[j]?.status,
          reason: planned.outcomes[j]?.reason,
        })),
      );
    });
    expect(plan.some((p) => p.outcomes.some((o) => o.status === 'follow-up'))).toBe(true);
    // One call per visit, each announced on the hall's display as a desk's call would be.
    expect(visitCounts(station).outreach_calls).toBe(12);
    const announced = await called.all;
    expect(announced.map((c) => [c.number, c.desk, c.repeat])).toEqual(
      visits.map((v) => [v.number, v.desk, false]),
    );
    // Progress to the trainer's screen after each finished visit.
    expect((await progress.all).map((p) => [p.taskId, p.done, p.total])).toEqual(
      Array.from({ length: 12 }, (_, i) => [trainingTaskId(eventId), i + 1, 12]),
    );
  });

  it('leaves a desk a person is using, and the visits trainees registered, to them', async () => {
    const trainer = connect();
    const eventId = await startedEvent(trainer);
    const desk1 = deskClient(station, SRI, 'meja-1').client;
    const arrive = (name: string) =>
      desk1.send('outreach-visit-arrive', {
        eventId,
        name,
        nik: null,
        services: [{ serviceCode: 'kk-perubahan', subjectName: name, subjectNik: null }],
      });
    expect((await arrive('Peserta Latihan Satu')).ok).toBe(true);
    expect((await arrive('Peserta Latihan Dua')).ok).toBe(true);
    const served = await desk1.send('outreach-call-next', { eventId, visitId: null });
    expect(served).toMatchObject({ ok: true, value: { number: '001', desk: 'meja-1' } });

    const run = await trainer.send('outreach-training-run', { eventId, visitors: 6, seed: 3 });

    expect(run).toMatchObject({ ok: true, value: { visitors: 6 } });
    const rows = station.deps.sqlite
      .prepare('SELECT number, name, status, desk FROM outreach_visits ORDER BY number')
      .all() as Array<{ number: string; name: string; status: string; desk: string | null }>;
    expect(rows.slice(0, 2)).toEqual([
      { number: '001', name: 'Peserta Latihan Satu', status: 'called', desk: 'meja-1' },
      { number: '002', name: 'Peserta Latihan Dua', status: 'waiting', desk: null },
    ]);
    expect(rows.slice(2).map((r) => r.status)).toEqual(Array(6).fill('done'));
    expect(new Set(rows.slice(2).map((r) => r.desk))).toEqual(new Set(['meja-2', 'meja-3']));
  });

  it('runs one at a time', async () => {
    const trainer = connect();
    const eventId = await startedEvent(trainer);
    const [first, second] = await Promise.all([
      trainer.send('outreach-training-run', { eventId, visitors: 3, seed: 1 }),
      trainer.send('outreach-training-run', { eventId, visitors: 3, seed: 2 }),
    ]);
    expect(first).toMatchObject({ ok: true, value: { visitors: 3 } });
    expect(second).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'TRAINING_RUNNING' },
    });
    expect(visitCounts(station).outreach_visits).toBe(3);
  });
});

describe('outreach-training-run refusals change nothing', () => {
  freshStation();

  it('refuses bad arguments, an unknown, closed or planned event, and busy desks', async () => {
    const trainer = connect();
    const running = await startedEvent(trainer);
    const closed = runningEvent(station, { status: 'closed', services: SERVICES });
    const planned = runningEvent(station, { status: 'planned', services: SERVICES });
    const before = visitCounts(station);
    const run = (args: unknown) => trainer.sendRaw({ name: 'outreach-training-run', args });

    for (const args of [
      { eventId: running, visitors: 0, seed: 1 },
      { eventId: running, visitors: TRAINING_MAX_VISITORS + 1, seed: 1 },
      { eventId: running, visitors: 2.5, seed: 1 },
      { eventId: running, visitors: 3, seed: -1 },
      { eventId: running, visitors: 3, seed: 1, desks: ['meja-9'] },
      { eventId: '', visitors: 3, seed: 1 },
      { eventId: running, visitors: '3', seed: 1 },
    ])
      expect(await run(args)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
    expect(await run({ eventId: 'no-such-event', visitors: 3, seed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await run({ eventId: closed, visitors: 3, seed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'EVENT_CLOSED' },
    });
    expect(await run({ eventId: planned, visitors: 3, seed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'EVENT_NOT_RUNNING' },
    });
    expect(visitCounts(station)).toEqual(before);

    // Every training desk serving someone: nothing to run at.
    for (const desk of TRAINING_DESKS) {
      const client = deskClient(station, SRI, desk).client;
      const arrived = await client.send('outreach-visit-arrive', {
        eventId: running,
        name: `Peserta ${desk}`,
        nik: null,
        services: [{ serviceCode: 'kk-perubahan', subjectName: 'Peserta', subjectNik: null }],
      });
      expect(arrived.ok).toBe(true);
      expect(
        (await client.send('outreach-call-next', { eventId: running, visitId: null })).ok,
      ).toBe(true);
    }
    const busy = visitCounts(station);
    expect(await run({ eventId: running, visitors: 3, seed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'DESKS_BUSY' },
    });
    expect(visitCounts(station)).toEqual(busy);
  });

  it('is for supervisors, on training stations only', async () => {
    const eventId = await startedEvent(connect());
    const before = visitCounts(station);
    const operator = memoryPair(station.dispatcher, 'operator', { ...SRI });
    expect(
      await operator.send('outreach-training-run', { eventId, visitors: 3, seed: 1 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(visitCounts(station)).toEqual(before);

    const real = await createTestStation({ demo: false });
    try {
      const leader = memoryPair(real.dispatcher, 'leader', { ...RINA });
      const realEvent = runningEvent(real as TestStation, { services: SERVICES });
      const realBefore = visitCounts(real);
      expect(
        await leader.send('outreach-training-run', { eventId: realEvent, visitors: 3, seed: 1 }),
      ).toMatchObject({ ok: false, error: { code: 'NOT_TRAINING' } });
      expect(visitCounts(real)).toEqual(realBefore);
    } finally {
      await real.dispose();
    }
  });
});
