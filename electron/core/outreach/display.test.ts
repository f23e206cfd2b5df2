import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutreachVisit } from '../../contract';
import type { Client } from '../../transport/client';
import { BUDI, KIOSK, SRI, value } from '../../testing/desk';
import { deskClient, nextPush, recordPushes, runningEvent } from '../../testing/outreach-visits';
import { createTestStation, type TestStation } from '../../testing/station';
import { OutreachSignals, type OutreachSignal } from './signals';
import { arriveVisit, callNext, finishVisit, setServiceStatus } from './visits';

let station: TestStation;
let eventId: string;
let desk1: Client;
let desk2: Client;

beforeEach(async () => {
  station = await createTestStation();
  eventId = runningEvent(station, { name: 'Jelades Semedi Kijang Ulu' });
  desk1 = deskClient(station, SRI, 'meja-1').client;
  desk2 = deskClient(station, BUDI, 'meja-2').client;
});
afterEach(() => station.dispose());

const NIK = '1602054107900001';

async function arrive(name: string): Promise<OutreachVisit> {
  return value(
    await desk1.send('outreach-visit-arrive', {
      eventId,
      name,
      nik: NIK,
      services: [{ serviceCode: 'kia-baru', subjectName: `${name} Junior`, subjectNik: null }],
    }),
  );
}

describe('the queue display', () => {
  it('shows numbers per desk, the latest calls and how many wait: never a name or NIK', async () => {
    const empty = value(await desk1.send('outreach-display-get', {}));
    expect(empty).toEqual({
      eventId,
      eventName: 'Jelades Semedi Kijang Ulu',
      desks: [],
      recent: [],
      waiting: 0,
    });
    for (const name of ['Siti Aminah', 'Bambang Hartono', 'Dewi Lestari']) await arrive(name);
    await desk2.send('outreach-call-next', { eventId, visitId: null });
    await desk1.send('outreach-call-next', { eventId, visitId: null });
    const first = value(
      await desk2.send('outreach-visit-list', { eventId, status: 'called' }),
    ).visits.find((v) => v.desk === 'meja-2');
    if (!first) throw new Error('desk 2 has a visit');
    await desk2.send('outreach-call-repeat', { visitId: first.id });
    const display = deskClient(station, KIOSK, null).client;
    const state = value(await display.send('outreach-display-get', {}));
    expect(state).toMatchObject({
      eventId,
      desks: [
        { desk: 'meja-1', label: 'Meja 1', number: '002' },
        { desk: 'meja-2', label: 'Meja 2', number: '001' },
      ],
      recent: [
        { number: '001', desk: 'meja-2', label: 'Meja 2' },
        { number: '002', desk: 'meja-1', label: 'Meja 1' },
      ],
      waiting: 1,
    });
    const text = JSON.stringify(state);
    for (const secret of ['Siti', 'Bambang', 'Dewi', 'Junior', NIK, NIK.slice(0, 6)])
      expect(text).not.toContain(secret);
  });

  it('says no event runs when none does', async () => {
    station.deps.sqlite.prepare("UPDATE outreach_events SET status = 'closed'").run();
    const display = deskClient(station, KIOSK, null).client;
    expect(await display.send('outreach-display-get', {})).toEqual({
      ok: true,
      value: { eventId: null, eventName: '', desks: [], recent: [], waiting: 0 },
    });
  });

  it('pushes calls and display states to every screen, visit changes to officers only', async () => {
    const display = deskClient(station, KIOSK, null).client;
    const seenByDisplay = recordPushes(display, [
      'outreach-called',
      'outreach-display',
      'outreach-visits-changed',
    ]);
    const seenByDesk2 = recordPushes(desk2, ['outreach-called', 'outreach-visits-changed']);
    const arrivedOnDisplay = nextPush(display, 'outreach-display', (s) => s.waiting === 1);
    const arrivedOnDesk = nextPush(desk2, 'outreach-visits-changed');
    const visit = await arrive('Siti Aminah');
    await arrivedOnDisplay;
    expect(await arrivedOnDesk).toEqual({ eventId });

    const called = nextPush(display, 'outreach-called');
    const shown = nextPush(display, 'outreach-display', (s) => s.desks.length === 1);
    await desk2.send('outreach-call-next', { eventId, visitId: null });
    expect(await called).toEqual({
      number: '001',
      desk: 'meja-2',
      label: 'Meja 2',
      at: '2026-11-29T02:00:00.000Z',
      repeat: false,
    });
    expect((await shown).desks).toEqual([
      { desk: 'meja-2', label: 'Meja 2', number: '001', calledAt: '2026-11-29T02:00:00.000Z' },
    ]);
    const again = nextPush(display, 'outreach-called');
    await desk2.send('outreach-call-repeat', { visitId: visit.id });
    expect(await again).toMatchObject({ number: '001', desk: 'meja-2', repeat: true });
    // The desk's visit-change push comes after the display's for the same signal.
    await nextPush(desk2, 'outreach-visits-changed');

    expect(seenByDisplay.filter((p) => p.name === 'outreach-visits-changed')).toEqual([]);
    expect(seenByDisplay.filter((p) => p.name === 'outreach-called')).toHaveLength(2);
    expect(seenByDesk2.filter((p) => p.name === 'outreach-called')).toHaveLength(2);
    expect(JSON.stringify(seenByDisplay)).not.toContain('Siti');
  });

  it('lets the core functions (training run) signal exactly what the handlers do', async () => {
    const signals = new OutreachSignals();
    const seen: OutreachSignal[] = [];
    signals.on((s) => seen.push(s));
    const officer = { role: 'operator', userName: 'Latihan', userId: null } as const;
    const visit = value(
      await arriveVisit(
        station.deps,
        signals,
        {
          eventId,
          name: 'Peserta Latihan',
          nik: null,
          services: [{ serviceCode: 'kia-baru', subjectName: 'Anak Latihan', subjectNik: null }],
        },
        officer,
      ),
    );
    const actor = { ...officer, desk: 'meja-3' };
    value(await callNext(station.deps, signals, { eventId, visitId: null }, actor));
    const [kia] = visit.services;
    if (!kia) throw new Error('one service');
    value(
      await setServiceStatus(
        station.deps,
        signals,
        { serviceId: kia.id, status: 'done', reason: null },
        actor,
      ),
    );
    expect(
      value(await finishVisit(station.deps, signals, { visitId: visit.id }, actor)),
    ).toMatchObject({ status: 'done', desk: 'meja-3' });
    expect(seen).toEqual([
      { kind: 'visits', eventId },
      { kind: 'called', eventId, visitId: visit.id, repeat: false },
      { kind: 'visits', eventId },
      { kind: 'visits', eventId },
    ]);
  });
});
