import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutreachBoard, OutreachReportFigures } from '../../contract';
import { RINA, SRI } from '../../testing/desk';
import {
  REPORT_DAYS,
  REPORT_EVENT_COUNTS,
  REPORT_EVENT_ID,
  REPORT_VISITS,
  seedReportEvent,
} from '../../testing/outreach-report';
import { printWithChromium } from '../../testing/outreach-print';
import { valueOf } from '../../testing/outreach-plan';
import { pdfFile, pdfText } from '../../testing/pdf-tools';
import { as } from '../../testing/recording';
import { createTestStation, type TestStation } from '../../testing/station';
import { startBoardPushes } from './board';
import { OutreachSignals } from './signals';

let station: TestStation;
beforeEach(async () => {
  station = printWithChromium(await createTestStation());
});
afterEach(() => station.dispose());

const one = <T>(query: string, ...params: unknown[]): T =>
  station.deps.sqlite
    .prepare(query)
    .pluck()
    .get(...params) as T;

async function figures(scope: string): Promise<OutreachReportFigures> {
  return valueOf(
    await as(station, RINA).send('outreach-report-get', { eventId: REPORT_EVENT_ID, scope }),
  );
}

describe('outreach report figures from the station database', () => {
  it('equal the hand-worked counts and the database’s own counts, per event and per day', async () => {
    seedReportEvent(station);
    const event = await figures('event');
    const asked = event.services.reduce((n, s) => n + s.total, 0);
    const done = event.services.reduce((n, s) => n + s.done, 0);
    expect([event.visitors, event.peopleServed, asked, done]).toEqual([
      REPORT_EVENT_COUNTS.visitors,
      REPORT_EVENT_COUNTS.peopleServed,
      REPORT_EVENT_COUNTS.asked,
      REPORT_EVENT_COUNTS.done,
    ]);
    expect(event.firstTimeRecordings).toBe(REPORT_EVENT_COUNTS.firstTime);
    expect(event.sameDayShare).toBe(REPORT_EVENT_COUNTS.sameDayShare);
    expect(event.prints).toBe(REPORT_EVENT_COUNTS.prints);
    // The database says the same.
    expect(event.peopleServed).toBe(
      one(
        `SELECT count(*) FROM outreach_visits WHERE event_id = ? AND status = 'done'`,
        REPORT_EVENT_ID,
      ),
    );
    expect(asked).toBe(
      one(
        `SELECT count(*) FROM outreach_visit_services s JOIN outreach_visits v ON v.id = s.visit_id
         WHERE v.event_id = ? AND s.status <> 'cancelled'`,
        REPORT_EVENT_ID,
      ),
    );
    expect(
      event.services.map((s) => [
        s.serviceCode,
        s.title.id,
        s.total,
        s.male,
        s.female,
        s.done,
        s.medianMinutes,
        s.sameDay,
      ]),
    ).toEqual([
      ['perekaman-ktp-el', 'Perekaman KTP-el', 4, 2, 2, 3, 40, 2],
      ['kia-baru', 'KIA baru', 3, 1, 2, 2, 60, 2],
      ['kk-perubahan', 'Perubahan data di KK', 1, 0, 0, 0, null, 0],
    ]);
    expect(event.services[0]?.byAgeBand).toEqual({
      '0-4': 0,
      '5-15': 0,
      '16-17': 2,
      '18-59': 1,
      '60+': 1,
    });
    expect(event.blanks.items[0]).toEqual({
      item: 'blanko-ktp-el',
      out: 20,
      used: 3,
      spoiled: 1,
      returned: 0,
      left: 16,
    });
    expect(event.pending.map((p) => [p.day, p.number, p.serviceCode, p.status, p.reason])).toEqual([
      ['2026-11-28', '002', 'kk-perubahan', 'follow-up', 'Menunggu akta nikah dari KUA'],
      ['2026-11-28', '003', 'kia-baru', 'waiting', ''],
      ['2026-11-29', '002', 'perekaman-ktp-el', 'in-progress', ''],
    ]);

    const day1 = await figures(REPORT_DAYS[0]);
    expect([day1.visitors, day1.peopleServed, day1.firstTimeRecordings, day1.prints]).toEqual([
      3, 2, 1, 1,
    ]);
    // Day 1 asked 5 (recordings 2, KIA 2, KK 1; the cancelled one not), 3 finished that day.
    expect(day1.services.map((s) => [s.serviceCode, s.total, s.sameDay])).toEqual([
      ['perekaman-ktp-el', 2, 2],
      ['kia-baru', 2, 1],
      ['kk-perubahan', 1, 0],
    ]);
    expect(day1.sameDayShare).toBe(0.6);
    expect(day1.blanks.items[0]).toEqual({
      item: 'blanko-ktp-el',
      out: 20,
      used: 2,
      spoiled: 1,
      returned: 0,
      left: 17,
    });
    const day2 = await figures(REPORT_DAYS[1]);
    expect(day2.blanks.items[0]).toEqual({
      item: 'blanko-ktp-el',
      out: 0,
      used: 1,
      spoiled: 0,
      returned: 0,
      left: 16,
    });
    expect([day2.visitors, day2.peopleServed, day2.prints]).toEqual([3, 1, 2]);
  });

  it('refuses a scope that is not a day of the event, an unknown event, and operators', async () => {
    seedReportEvent(station);
    const bad = await as(station, RINA).send('outreach-report-get', {
      eventId: REPORT_EVENT_ID,
      scope: '2026-11-30',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'REPORT_BAD_SCOPE' },
    });
    const junk = await as(station, RINA).send('outreach-report-get', {
      eventId: REPORT_EVENT_ID,
      scope: "' or 1=1",
    });
    expect(junk).toMatchObject({ ok: false, error: { reason: 'REPORT_BAD_SCOPE' } });
    const unknown = await as(station, RINA).send('outreach-board-get', { eventId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const operator = await as(station, SRI).send('outreach-report-get', {
      eventId: REPORT_EVENT_ID,
      scope: 'event',
    });
    expect(operator).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the live board', () => {
  it('shows today’s queue by desk, the services against targets, the wait and the blanks', async () => {
    seedReportEvent(station);
    const board = valueOf(
      await as(station, RINA).send('outreach-board-get', { eventId: REPORT_EVENT_ID }),
    );
    // Today is 2026-11-29: v4 done at meja-1, v5 served at meja-2, v6 waiting; waits 10 and 30 min.
    expect(board).toMatchObject({
      eventId: REPORT_EVENT_ID,
      day: '2026-11-29',
      waiting: 1,
      serving: 1,
      served: 1,
      averageWaitMinutes: 20,
      byDesk: [
        { desk: 'meja-1', label: 'Meja 1', serving: null, served: 1 },
        { desk: 'meja-2', label: 'Meja 2', serving: '002', served: 0 },
      ],
      blanksLeft: [
        { item: 'blanko-ktp-el', left: 16 },
        { item: 'blanko-kia', left: 0 },
        { item: 'ribbon', left: 0 },
      ],
    });
    expect(board.byService.map((s) => [s.serviceCode, s.done, s.target, s.pending])).toEqual([
      ['perekaman-ktp-el', 3, 10, 1],
      ['kia-baru', 2, 8, 1],
      ['kk-perubahan', 0, 0, 1],
    ]);
    expect(board.waiting).toBe(
      one(
        `SELECT count(*) FROM outreach_visits WHERE event_id = ? AND day = '2026-11-29' AND status = 'waiting'`,
        REPORT_EVENT_ID,
      ),
    );
  });

  it('is pushed to supervisors only, once per burst of signals, with the change in it', async () => {
    seedReportEvent(station);
    const signals = new OutreachSignals();
    const computed: OutreachBoard[] = [];
    const stop = startBoardPushes(station.dispatcher, station.deps, signals, (board) =>
      computed.push(board),
    );
    try {
      const leader = as(station, RINA);
      const operator = as(station, SRI);
      const operatorPushes: unknown[] = [];
      operator.listen('outreach-board', (b) => operatorPushes.push(b));
      const pushes: OutreachBoard[] = [];
      let notify: (() => void) | null = null;
      leader.listen('outreach-board', (b) => {
        pushes.push(b);
        notify?.();
      });
      const next = (count: number) =>
        new Promise<void>((resolve) => {
          notify = () => pushes.length >= count && resolve();
          notify();
        });

      // A burst of five signals in one tick is computed and pushed once.
      for (let i = 0; i < 5; i += 1) signals.emit({ kind: 'visits', eventId: REPORT_EVENT_ID });
      await next(1);
      expect(pushes[0]?.waiting).toBe(1);

      // A visit arrives (as the visit handlers write it) and is announced: the next push has it.
      station.deps.sqlite
        .prepare(
          `INSERT INTO outreach_visits (id, event_id, day, number, name, nik, status, desk, arrived_at, arrived_by)
           VALUES ('v7', ?, '2026-11-29', '004', 'Putri Ayu', NULL, 'waiting', NULL, '2026-11-29T01:55:00.000Z', 'Sri')`,
        )
        .run(REPORT_EVENT_ID);
      signals.emit({ kind: 'visits', eventId: REPORT_EVENT_ID });
      await next(2);
      expect(pushes[1]?.waiting).toBe(2);
      expect(computed).toHaveLength(2);
      expect(operatorPushes).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('confirming a report', () => {
  it('stores the figures and PDF, queues an outreach-event record without names, audits; a second is version 2', async () => {
    seedReportEvent(station);
    const leader = as(station, RINA);
    const first = await leader.send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: REPORT_DAYS[0],
    });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value).toMatchObject({
      scope: REPORT_DAYS[0],
      version: 1,
      confirmedBy: 'Rina Kartika',
      sent: false,
    });
    const again = await leader.send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: REPORT_DAYS[0],
    });
    expect(again).toMatchObject({ ok: true, value: { version: 2 } });

    const stored = station.deps.sqlite
      .prepare(
        'SELECT id, scope, pdf, pdf_sha256, figures, outbox_id FROM outreach_reports ORDER BY confirmed_at, id',
      )
      .all() as {
      id: string;
      pdf: Buffer;
      pdf_sha256: string;
      figures: string;
      outbox_id: string;
    }[];
    expect(stored).toHaveLength(2);
    const pdf = stored[0]?.pdf as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdfFile(pdf));
    expect(text).toContain('Dikonfirmasi oleh Rina Kartika');
    expect(text).toContain('(versi 1)');
    expect(JSON.parse(stored[0]?.figures ?? '{}')).toMatchObject({
      scope: REPORT_DAYS[0],
      peopleServed: 2,
    });

    const outbox = station.deps.sqlite
      .prepare(
        `SELECT id, aggregate_id, payload FROM outbox WHERE aggregate = 'outreach-event' ORDER BY seq`,
      )
      .all() as { id: string; aggregate_id: string; payload: string }[];
    expect(outbox.map((o) => o.id)).toEqual(stored.map((s) => s.outbox_id));
    const payload = JSON.parse(outbox[0]?.payload ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({
      reportId: stored[0]?.id,
      eventId: REPORT_EVENT_ID,
      scope: REPORT_DAYS[0],
      version: 1,
      event: { title: 'Jelades Semedi Kijang Ulu', days: [...REPORT_DAYS] },
      pdf: { sha256: stored[0]?.pdf_sha256, size: pdf.length },
    });
    // No visitor's name or NIK leaves in the record.
    for (const visit of REPORT_VISITS) {
      expect(outbox[0]?.payload).not.toContain(visit.name);
      if (visit.nik) expect(outbox[0]?.payload).not.toContain(visit.nik);
    }
    expect(one(`SELECT count(*) FROM audit_log WHERE action = 'outreach.report-confirmed'`)).toBe(
      2,
    );

    const list = await leader.send('outreach-report-list', { eventId: REPORT_EVENT_ID });
    expect(list.ok && list.value.map((r) => [r.scope, r.version, r.sent])).toEqual([
      [REPORT_DAYS[0], 1, false],
      [REPORT_DAYS[0], 2, false],
    ]);
  }, 60_000);

  it('refuses an event not started, a day not yet come, a bad scope: nothing is stored', async () => {
    seedReportEvent(station, 'planned');
    const leader = as(station, RINA);
    const planned = await leader.send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: 'event',
    });
    expect(planned).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'REPORT_NOT_STARTED' },
    });
    station.deps.sqlite
      .prepare(`UPDATE outreach_events SET status = 'running', days = ?`)
      .run(JSON.stringify([...REPORT_DAYS, '2026-11-30']));
    const ahead = await leader.send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: '2026-11-30',
    });
    expect(ahead).toMatchObject({ ok: false, error: { reason: 'REPORT_DAY_AHEAD' } });
    const bad = await leader.send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: '2026-12-25',
    });
    expect(bad).toMatchObject({ ok: false, error: { reason: 'REPORT_BAD_SCOPE' } });
    const operator = await as(station, SRI).send('outreach-report-confirm', {
      eventId: REPORT_EVENT_ID,
      scope: 'event',
    });
    expect(operator).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(one('SELECT count(*) FROM outreach_reports')).toBe(0);
    expect(one(`SELECT count(*) FROM outbox WHERE aggregate = 'outreach-event'`)).toBe(0);
  });
});
