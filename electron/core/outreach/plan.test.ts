import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutreachEventPlan } from '../../contract';
import { ANTON, RINA, SRI } from '../../testing/desk';
import {
  addAccounts,
  KIJANG_ULU,
  kijangUluPlan,
  planCounts,
  planEvent,
  valueOf,
} from '../../testing/outreach-plan';
import { as } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { eventDetail, runningEvent } from './plan';

// One station for the file (a station with its region table and demo registry takes seconds):
// every test plans its own events, and what runs is closed after each test.
let station: TestStation;
let realClock: TestStation['ports']['clock'];
beforeAll(async () => {
  station = await createTestStation();
  realClock = station.ports.clock;
  await addAccounts(station);
});
afterAll(() => station.dispose());
afterEach(async () => {
  station.ports.clock = realClock;
  const running = await runningEvent(station.deps);
  if (running)
    valueOf(await as(station, RINA).send('outreach-event-close', { eventId: running.id }));
});

const save = (eventId: string | null, plan: OutreachEventPlan, session = RINA) =>
  as(station, session).send('outreach-event-save', { eventId, plan });
const start = (eventId: string, overrideReason: string | null, session = RINA) =>
  as(station, session).send('outreach-event-start', { eventId, overrideReason });
const sql = <T>(query: string, ...params: unknown[]) =>
  station.deps.sqlite.prepare(query).all(...params) as T[];
/** Another village of Kec. Kayu Agung, and one of another kecamatan, from the region table. */
const villageOf = (kecamatan: string, not = '') =>
  station.deps.sqlite
    .prepare(
      "SELECT code FROM regions WHERE level = 'village' AND parent_code = ? AND code <> ? AND valid_until_version IS NULL ORDER BY code LIMIT 1",
    )
    .pluck()
    .get(kecamatan, not) as string;

describe('outreach event plan', () => {
  it('plans an event for Desa Kijang Ulu with its team, services and targets', async () => {
    const saved = valueOf(await save(null, kijangUluPlan()));
    expect(saved).toMatchObject({
      name: 'Jelades Semedi Desa Kijang Ulu',
      status: 'planned',
      villages: [{ code: KIJANG_ULU, name: 'Kijang Ulu' }],
      kecamatan: { code: '160205', name: 'Kayu Agung' },
      days: ['2026-11-29', '2026-11-30'],
      venue: 'Balai Desa Kijang Ulu',
      isTraining: true,
      startedAt: null,
      team: [
        { userId: 'user-rina', userName: 'rina', displayName: 'Rina Kartika', task: 'ketua' },
        { userId: 'user-sri', userName: 'sri', displayName: 'Sri Wahyuni', task: 'perekaman' },
      ],
      services: [
        { serviceCode: 'perekaman-ktp-el', title: { id: 'Perekaman KTP-el' }, target: 40 },
        { serviceCode: 'kk-perubahan', target: 10 },
        { serviceCode: 'kia-baru', target: 15 },
      ],
      startOverrideReason: null,
    });
    expect(saved.readiness.items.map((i) => i.id)).toEqual([
      'registry-imported',
      'station-synced',
      'hardware-checked',
      'stock-checked-out',
      'printer-paper',
    ]);
    // Operators see the list and the event; the list is this unit's.
    expect(valueOf(await as(station, SRI).send('outreach-event-list', {}))[0]).toMatchObject({
      id: saved.id,
      status: 'planned',
    });
    expect(
      valueOf(await as(station, SRI).send('outreach-event-get', { eventId: saved.id })).id,
    ).toBe(saved.id);
    expect(
      sql(
        "SELECT action FROM audit_log WHERE action LIKE 'outreach.%' AND detail LIKE ?",
        `%${saved.id}%`,
      ),
    ).toEqual([{ action: 'outreach.event-save' }]);
    // The same plan with the days given in another order is stored ascending.
    const again = valueOf(
      await save(
        saved.id,
        kijangUluPlan({ days: ['2026-12-02', '2026-11-30'], venue: ' Masjid  Al-Ikhlas ' }),
      ),
    );
    expect(again).toMatchObject({ days: ['2026-11-30', '2026-12-02'], venue: 'Masjid Al-Ikhlas' });
  });

  it('refuses every bad plan with its reason and writes nothing', async () => {
    const other = villageOf('160205', KIJANG_ULU);
    const elsewhere = villageOf('160202');
    const otherRegency = villageOf('160107');
    const before = planCounts(station);
    const cases: Array<[Partial<OutreachEventPlan>, string]> = [
      [{ name: ' ab ' }, 'BAD_NAME'],
      [{ name: 'x'.repeat(121) }, 'BAD_NAME'],
      [{ name: 'Kegiatan\u0007desa' }, 'BAD_NAME'],
      [{ villageCodes: [] }, 'NO_VILLAGE'],
      [{ villageCodes: ['16.02.05.2011'] }, 'BAD_VILLAGE'],
      [{ villageCodes: ['1602059999'] }, 'BAD_VILLAGE'],
      [{ villageCodes: ['1602052011', '1602052011'] }, 'DUPLICATE_VILLAGE'],
      [{ villageCodes: [KIJANG_ULU, elsewhere] }, 'VILLAGES_NOT_ONE_KECAMATAN'],
      [{ villageCodes: [otherRegency] }, 'OTHER_REGENCY'],
      [{ days: [] }, 'NO_DAY'],
      [
        { days: Array.from({ length: 15 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`) },
        'TOO_MANY_DAYS',
      ],
      [{ days: ['2026-02-30'] }, 'BAD_DAY'],
      [{ days: ['29-11-2026'] }, 'BAD_DAY'],
      [{ days: ['2026-11-30', '2026-11-30'] }, 'DUPLICATE_DAY'],
      [{ days: ['2026-11-28'] }, 'DAY_IN_PAST'],
      [{ days: ['2028-01-05'] }, 'DAY_TOO_FAR'],
      [{ days: ['2026-12-01', '2027-01-15'] }, 'DAYS_SPREAD'],
      [{ venue: '' }, 'BAD_VENUE'],
      [{ team: [{ userId: 'user-sri', task: 'perekaman' }] }, 'ONE_LEADER'],
      [
        {
          team: [
            { userId: 'user-rina', task: 'ketua' },
            { userId: 'user-budi', task: 'ketua' },
          ],
        },
        'ONE_LEADER',
      ],
      [
        {
          team: [
            { userId: 'user-rina', task: 'ketua' },
            { userId: 'user-rina', task: 'cetak' },
          ],
        },
        'DUPLICATE_MEMBER',
      ],
      [{ team: [{ userId: 'user-old', task: 'ketua' }] }, 'UNKNOWN_MEMBER'],
      [{ team: [{ userId: 'user-nobody', task: 'ketua' }] }, 'UNKNOWN_MEMBER'],
      [{ services: [] }, 'NO_SERVICE'],
      [{ services: [{ serviceCode: 'pasport', target: 1 }] }, 'UNKNOWN_SERVICE'],
      [
        {
          services: [
            { serviceCode: 'kia-baru', target: 1 },
            { serviceCode: 'kia-baru', target: 2 },
          ],
        },
        'DUPLICATE_SERVICE',
      ],
      [{ services: [{ serviceCode: 'kia-baru', target: -1 }] }, 'BAD_TARGET'],
      [{ services: [{ serviceCode: 'kia-baru', target: 2.5 }] }, 'BAD_TARGET'],
      [{ services: [{ serviceCode: 'kia-baru', target: 10_001 }] }, 'BAD_TARGET'],
    ];
    for (const [over, reason] of cases) {
      const result = await save(null, kijangUluPlan(over));
      expect(result, `${JSON.stringify(over).slice(0, 80)} -> ${reason}`).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS', reason },
      });
    }
    // Shapes the schema refuses before any rule, and an operator.
    for (const bad of [
      { ...kijangUluPlan(), extra: 1 },
      { ...kijangUluPlan(), team: [{ userId: 'user-rina', task: 'bos' }] },
      { ...kijangUluPlan(), villageCodes: Array.from({ length: 101 }, () => KIJANG_ULU) },
    ]) {
      expect(await save(null, bad as OutreachEventPlan)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
    }
    expect(await save(null, kijangUluPlan(), SRI)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(planCounts(station)).toEqual(before);
    // Two villages of one kecamatan are fine.
    expect(
      valueOf(await save(null, kijangUluPlan({ villageCodes: [KIJANG_ULU, other] }))).villages,
    ).toHaveLength(2);
  });

  it('edits only a planned event; starts one running event per station; closes', async () => {
    const first = await planEvent(station);
    const second = await planEvent(station, kijangUluPlan({ name: 'Jelades Semedi kedua' }));
    // The test station is not enrolled, has no hardware check, no stock: items fail.
    expect(await start(first, null)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'READINESS_FAILED' },
    });
    for (const reason of ['terlalu', 'x'.repeat(501), '         a          ']) {
      expect(await start(first, reason)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS', reason: 'BAD_OVERRIDE_REASON' },
      });
    }
    expect(await start('no-such-event', 'Alasan yang cukup panjang')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'EVENT_NOT_FOUND' },
    });
    const before = planCounts(station);
    const readinessBefore = sql('SELECT * FROM outreach_readiness ORDER BY event_id, item');
    expect(await start(first, null)).toMatchObject({ ok: false });
    expect(planCounts(station)).toEqual(before);
    // A refused start rolls back its own readiness check too.
    expect(sql('SELECT * FROM outreach_readiness ORDER BY event_id, item')).toEqual(
      readinessBefore,
    );

    const reason = '  Sinkronisasi dilakukan sore ini di kantor kecamatan  ';
    const started = valueOf(await start(first, reason));
    expect(started).toMatchObject({
      status: 'running',
      startedAt: '2026-11-29T02:00:00.000Z',
      startOverrideReason: reason.trim(),
    });
    expect(
      sql(
        "SELECT detail FROM audit_log WHERE action = 'outreach.event-start' AND detail LIKE ?",
        `%${first}%`,
      ),
    ).toEqual([
      {
        detail: JSON.stringify({
          eventId: first,
          failed: [
            'registry-imported',
            'station-synced',
            'hardware-checked',
            'stock-checked-out',
            'printer-paper',
          ].filter((item) => item !== 'registry-imported'),
          overrideReason: reason.trim(),
        }),
      },
    ]);
    expect((await runningEvent(station.deps))?.id).toBe(first);
    expect((await eventDetail(station.deps, second))?.status).toBe('planned');

    expect(await start(second, 'Mencoba menjalankan dua kegiatan', ANTON)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'ANOTHER_RUNNING' },
    });
    expect(await save(first, kijangUluPlan({ name: 'Ganti nama' }))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PLANNED' },
    });
    expect(await start(first, reason)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PLANNED' },
    });
    // The database holds the rule too: a second running row is refused.
    expect(() =>
      station.deps.sqlite
        .prepare("UPDATE outreach_events SET status = 'running' WHERE id = ?")
        .run(second),
    ).toThrow(/UNIQUE/);

    const closed = valueOf(
      await as(station, RINA).send('outreach-event-close', { eventId: first }),
    );
    expect(closed).toMatchObject({ status: 'closed', closedAt: '2026-11-29T02:00:00.000Z' });
    expect(await runningEvent(station.deps)).toBeNull();
    expect(await as(station, RINA).send('outreach-event-close', { eventId: first })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'EVENT_CLOSED' },
    });
    expect(valueOf(await start(second, 'Kegiatan pertama sudah ditutup')).status).toBe('running');
  });

  it('starts only on one of its days', async () => {
    const id = await planEvent(station, kijangUluPlan({ days: ['2026-11-30'] }));
    expect(await start(id, 'Mulai lebih awal untuk uji')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_AN_EVENT_DAY' },
    });
    station.ports.clock = { now: () => new Date('2026-11-30T17:30:00.000Z') };
    // 00.30 WIB on 1 December: the day is over.
    expect(await start(id, 'Mulai terlambat untuk uji')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_AN_EVENT_DAY' },
    });
    station.ports.clock = { now: () => new Date('2026-11-30T16:59:00.000Z') };
    expect(valueOf(await start(id, 'Mulai tepat pada harinya')).status).toBe('running');
  });

  it('offers the regency kecamatan with their villages, the active accounts and the services', async () => {
    const options = valueOf(await as(station, RINA).send('outreach-event-options', {}));
    expect(options.unitVillageCode).toBe(KIJANG_ULU);
    expect(options.today).toBe('2026-11-29');
    const kayuAgung = options.kecamatans.find((k) => k.code === '160205');
    expect(kayuAgung?.villages).toContainEqual({ code: KIJANG_ULU, name: 'Kijang Ulu' });
    expect(
      options.kecamatans.every((k) => k.villages.every((v) => v.code.startsWith(k.code))),
    ).toBe(true);
    expect(options.users.map((u) => u.userId)).toEqual(['user-budi', 'user-rina', 'user-sri']);
    expect(options.services[0]).toEqual({
      serviceCode: 'perekaman-ktp-el',
      title: { id: 'Perekaman KTP-el', en: 'KTP-el recording' },
    });
    expect(options.services.map((s) => s.serviceCode)).toContain('kia-baru');
    expect(await as(station, SRI).send('outreach-event-options', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
