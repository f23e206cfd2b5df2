import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planTrainingVisitors } from '../../electron/core/outreach/training';
import { seeded } from '../../electron/core/seeded-random';
import { KIOSK } from '../../electron/testing/desk';
import { TODAY } from '../../electron/testing/outreach-visits';
import { createTestStation, type TestStation } from '../../electron/testing/station';
import { memoryPair } from '../../electron/transport/memory-pair';
import { runDay, type DayRecords } from './day';
import { clientLink } from './link';
import { dayFigures, dayLines, dayProblems, goalLines } from './report';
import { BENCH_SERVICES, prepareDesks, settledServices, setUpEvent } from './setup';

/**
 * The outreach bench's day with a tiny N, on an in-process training station (the bench itself
 * runs the station server as a child process over WebSockets): every visit served, every call
 * timed, every call's pushes matched at the display, and the printed `p95` lines.
 */
describe('outreach bench day', () => {
  let station: TestStation;
  beforeEach(async () => {
    station = await createTestStation();
  });
  afterEach(() => station.dispose());

  it('serves every visitor at three desks and matches each call with its display pushes', async () => {
    const visitors = planTrainingVisitors(station.deps.sqlite, {
      villageCodes: [station.deps.unit.region_code],
      serviceCodes: BENCH_SERVICES.map((s) => s.serviceCode),
      visitors: 7,
      seed: 5,
      today: TODAY,
      servicesPerVisitor: { min: 2, max: 2 },
      followUpShare: 0.2,
    });
    const link = (id: string) => clientLink(memoryPair(station.dispatcher, id, { ...KIOSK }));
    const desks = ['meja-1', 'meja-2', 'meja-3'].map((desk) => ({ desk, link: link(desk) }));
    const display = link('display');
    await prepareDesks(desks);
    const leader = desks[0]?.link;
    if (!leader) throw new Error('no desk');
    const eventId = await setUpEvent(leader, station.deps.unit.region_code, 7, TODAY);

    const records: DayRecords = await runDay({
      eventId,
      visitors,
      desks,
      display,
      thinkMs: 0,
      random: seeded(6),
    });

    expect(records.finished).toBe(7);
    expect(records.pushesComplete).toBe(true);
    const count = (name: string) => records.calls.filter((c) => c.name === name).length;
    expect(records.calls.filter((c) => !c.ok)).toEqual([]);
    expect(count('outreach-visit-arrive')).toBe(7);
    expect(count('outreach-visit-service-set')).toBe(7 * 2 * 2);
    expect(count('outreach-visit-finish')).toBe(7);
    expect(count('station-session-get')).toBe(7);
    // Each desk's last call-next found the queue empty.
    expect(count('outreach-call-next')).toBeGreaterThanOrEqual(7 + 3);
    expect(records.timings.map((t) => t.number).sort()).toEqual([
      '001',
      '002',
      '003',
      '004',
      '005',
      '006',
      '007',
    ]);
    for (const t of records.timings) {
      expect(t.calledPushAt).not.toBeNull();
      expect(t.displayPushAt).not.toBeNull();
    }
    const settled = await settledServices(leader, eventId);
    const planned = visitors.flatMap((v) => v.outcomes);
    expect(settled).toEqual({
      visits: 7,
      visitsDone: 7,
      services: 14,
      done: planned.filter((o) => o.status === 'done').length,
      followUp: planned.filter((o) => o.status === 'follow-up').length,
      settled: 14,
    });

    const figures = dayFigures(records, 7);
    expect(dayProblems(figures, 14, settled.settled)).toEqual([]);
    expect(figures.push.called.count).toBe(7);
    expect(figures.baseline.count).toBe(7);
    const lines = dayLines(figures, 123.4);
    expect(lines.filter((l) => l.startsWith('p95 handler outreach-'))).toHaveLength(4);
    expect(lines.some((l) => l.startsWith('p95 handler overall'))).toBe(true);
    expect(lines.some((l) => l.startsWith('p95 baseline station-session-get'))).toBe(true);
    expect(lines.filter((l) => l.startsWith('p95 push display'))).toHaveLength(3);
    expect(lines.at(-1)).toBe('peak RSS station 123.4 MiB (VmHWM)');
  });
});

describe('outreach bench figures', () => {
  it('fails a day with missing pushes or unsettled services, and judges the goal', () => {
    const records: DayRecords = {
      calls: [
        { name: 'outreach-call-next', desk: 'meja-1', ms: 150, ok: true },
        { name: 'outreach-visit-finish', desk: 'meja-1', ms: 20, ok: false, error: 'CONFLICT' },
      ],
      timings: [
        {
          desk: 'meja-1',
          number: '001',
          sentAt: 0,
          repliedAt: 150,
          calledPushAt: 160,
          displayPushAt: null,
        },
      ],
      displayPushes: { 'outreach-called': 1 },
      finished: 0,
      seconds: 1,
      pushesComplete: false,
    };
    const figures = dayFigures(records, 1);
    expect(dayProblems(figures, 2, 1)).toEqual([
      '1 calls failed',
      '0 of 1 visits finished',
      '1 of 2 services settled',
      '1 calls never shown by an outreach-display push',
    ]);
    expect(figures.push.called.p95).toBe(10);
    expect(figures.push.clickToScreen.p95).toBe(160);
    const goal = goalLines(figures);
    expect(goal.met).toBe(false);
    expect(goal.lines[0]).toBe('goal handler overall: p95 150.0 ms < 100 ms MISSED');
    expect(goal.lines[1]).toBe('goal push display outreach-called: p95 10.0 ms < 100 ms MET');
  });
});
