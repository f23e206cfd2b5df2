import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerArgs } from '../../contract';
import { KIOSK, RINA, SRI, BUDI } from '../../testing/desk';
import { deskClient, runningEvent, visitCounts } from '../../testing/outreach-visits';
import { createTestStation, type TestStation } from '../../testing/station';

let station: TestStation;
let eventId: string;

beforeEach(async () => {
  station = await createTestStation();
  eventId = runningEvent(station);
});
afterEach(() => station.dispose());

type Arrive = HandlerArgs<'outreach-visit-arrive'>;
const service = (
  serviceCode: string,
  subjectName = 'Siti Aminah',
  subjectNik: string | null = null,
) => ({
  serviceCode,
  subjectName,
  subjectNik,
});
const arrival = (over: Partial<Arrive> = {}): Arrive => ({
  eventId,
  name: 'Siti Aminah',
  nik: null,
  services: [service('perekaman-ktp-el')],
  ...over,
});

/** A resident of the demo registry (NIK, sex, birth date). */
function resident(offset = 0) {
  return station.deps.sqlite
    .prepare('SELECT nik, name, sex, birth_date FROM residents ORDER BY id LIMIT 1 OFFSET ?')
    .get(offset) as { nik: string; name: string; sex: 1 | 2; birth_date: string };
}

const subjects = () =>
  station.deps.sqlite
    .prepare(
      'SELECT service_code, subject_name, subject_nik, subject_sex, subject_birth_date, status FROM outreach_visit_services ORDER BY visit_id, position',
    )
    .all();

describe('outreach-visit-arrive', () => {
  it('gives one number for several services, each for its subject, sex and birth date filled', async () => {
    const { client } = deskClient(station, SRI, 'meja-1');
    const mother = resident(0);
    // Not in the registry: sex and birth date come from the NIK (day + 40 = female).
    const child = '1602054107200001';
    const result = await client.send(
      'outreach-visit-arrive',
      arrival({
        name: `  ${mother.name}  `,
        nik: mother.nik,
        services: [
          service('perekaman-ktp-el', mother.name, mother.nik),
          service('kia-baru', 'Putri  Lestari', child),
          service('kia-baru', 'Andi Saputra', null),
        ],
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      value: { eventId, number: '001', name: mother.name, nik: mother.nik, status: 'waiting' },
    });
    if (!result.ok) return;
    expect(result.value.services.map((s) => [s.serviceCode, s.subjectName, s.status])).toEqual([
      ['perekaman-ktp-el', mother.name, 'waiting'],
      ['kia-baru', 'Putri Lestari', 'waiting'],
      ['kia-baru', 'Andi Saputra', 'waiting'],
    ]);
    expect(result.value.services[0]?.subjectRef).toMatch(/^r\d+$/);
    expect(result.value.services[1]?.subjectRef).toBeNull();
    expect(result.value.services[0]?.title).toEqual({
      id: 'Perekaman KTP-el',
      en: 'KTP-el recording',
    });
    expect(subjects()).toEqual([
      expect.objectContaining({
        subject_nik: mother.nik,
        subject_sex: mother.sex === 2 ? 'P' : 'L',
        subject_birth_date: mother.birth_date,
      }),
      expect.objectContaining({
        subject_nik: child,
        subject_sex: 'P',
        subject_birth_date: '2020-07-01',
      }),
      expect.objectContaining({ subject_nik: null, subject_sex: null, subject_birth_date: null }),
    ]);
    const second = await client.send('outreach-visit-arrive', arrival({ name: 'Budi' }));
    expect(second).toMatchObject({ ok: true, value: { number: '002' } });
  });

  it('never gives two concurrent arrivals from three desks the same number', async () => {
    const desks = [
      deskClient(station, SRI, 'meja-1').client,
      deskClient(station, BUDI, 'meja-2').client,
      deskClient(station, RINA, 'meja-3').client,
    ];
    const results = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        desks[i % 3]?.send('outreach-visit-arrive', arrival({ name: `Warga ${i + 1}` })),
      ),
    );
    const numbers = results.map((r) => (r?.ok ? r.value.number : `failed ${JSON.stringify(r)}`));
    expect(new Set(numbers).size).toBe(45);
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 45 }, (_, i) => String(i + 1).padStart(3, '0')),
    );
  });

  it('starts again at 001 on the next day of the event', async () => {
    const { client } = deskClient(station, SRI, 'meja-1');
    await client.send('outreach-visit-arrive', arrival());
    (station.ports.clock as unknown as { advance(ms: number): void }).advance(24 * 3600 * 1000);
    const next = await client.send('outreach-visit-arrive', arrival());
    expect(next).toMatchObject({ ok: true, value: { number: '001' } });
    const days = station.deps.sqlite
      .prepare('SELECT day, number FROM outreach_visits ORDER BY arrived_at')
      .all();
    expect(days).toEqual([
      { day: '2026-11-29', number: '001' },
      { day: '2026-11-30', number: '001' },
    ]);
  });

  it('refuses bad input with a reason and writes nothing', async () => {
    const { client } = deskClient(station, SRI, 'meja-1');
    await client.send('outreach-visit-arrive', arrival());
    const before = visitCounts(station);
    const closed = runningEvent(station, { status: 'closed' });
    const nine = Array.from({ length: 9 }, (_, i) => service('kia-baru', `Anak ${i + 1}`));
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [arrival({ name: ' x ' }), 'INVALID_ARGS', 'BAD_NAME'],
      [arrival({ name: 'Siti\u0000Aminah' }), 'INVALID_ARGS', 'BAD_NAME'],
      [arrival({ name: 'A'.repeat(101) }), 'INVALID_ARGS', 'BAD_NAME'],
      [arrival({ nik: '1602050000000000' }), 'INVALID_ARGS', 'INVALID_NIK'],
      [arrival({ nik: '１６０２０５４１０７２０００01' }), 'INVALID_ARGS', 'INVALID_NIK'],
      [arrival({ services: [service('kia-baru', 'Anak', '99')] }), 'INVALID_ARGS', 'INVALID_NIK'],
      [arrival({ services: [service('ktp-el-hilang')] }), 'INVALID_ARGS', 'SERVICE_NOT_OFFERED'],
      [arrival({ services: [service('no-such-thing')] }), 'INVALID_ARGS', 'SERVICE_NOT_OFFERED'],
      [
        arrival({ services: [service('kia-baru', 'Andi'), service('kia-baru', ' andi ')] }),
        'INVALID_ARGS',
        'DUPLICATE_SERVICE',
      ],
      [arrival({ services: [] }), 'INVALID_ARGS', undefined],
      [arrival({ services: nine }), 'INVALID_ARGS', undefined],
      [{ ...arrival(), extra: 1 }, 'INVALID_ARGS', undefined],
      [arrival({ eventId: closed }), 'CONFLICT', 'EVENT_NOT_RUNNING'],
      [arrival({ eventId: 'no-such-event' }), 'NOT_FOUND', undefined],
    ];
    for (const [args, code, reason] of cases) {
      const result = await client.sendRaw({ name: 'outreach-visit-arrive', args });
      expect(result, JSON.stringify(args).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code },
      });
      if (!result.ok) expect(result.error.reason).toBe(reason);
    }
    expect(visitCounts(station)).toEqual(before);
  });

  it('refuses the kiosk: arrivals are taken by an officer', async () => {
    const { client } = deskClient(station, KIOSK, null);
    const result = await client.send('outreach-visit-arrive', arrival());
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(visitCounts(station).outreach_visits).toBe(0);
  });

  it('lists today’s visits with the calling desk, and gets one', async () => {
    const { client } = deskClient(station, SRI, 'meja-2');
    const first = await client.send('outreach-visit-arrive', arrival({ name: 'Satu' }));
    await client.send('outreach-visit-arrive', arrival({ name: 'Dua' }));
    const list = await client.send('outreach-visit-list', { eventId, status: null });
    expect(list).toMatchObject({ ok: true, value: { desk: 'meja-2', deskLabel: 'Meja 2' } });
    if (!list.ok || !first.ok) return;
    expect(list.value.visits.map((v) => [v.number, v.name])).toEqual([
      ['001', 'Satu'],
      ['002', 'Dua'],
    ]);
    const waiting = await client.send('outreach-visit-list', { eventId, status: 'done' });
    expect(waiting).toMatchObject({ ok: true, value: { visits: [] } });
    expect(await client.send('outreach-visit-get', { visitId: first.value.id })).toEqual({
      ok: true,
      value: first.value,
    });
    expect(await client.send('outreach-visit-get', { visitId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
