import type { OutreachEventDetail, OutreachVisitList, Result } from '../../electron/contract';
import type { DayDesk } from './day';
import type { Link } from './link';

/** The services the bench event offers (two per visitor are drawn from these). */
export const BENCH_SERVICES = [
  { serviceCode: 'perekaman-ktp-el', target: 200 },
  { serviceCode: 'kk-perubahan', target: 100 },
  { serviceCode: 'kia-baru', target: 100 },
  { serviceCode: 'ktp-el-rusak', target: 50 },
] as const;

function value<T>(what: string, result: Result<unknown>): T {
  if (!result.ok)
    throw new Error(
      `${what}: ${result.error.code} ${result.error.reason ?? ''} ${result.error.message}`,
    );
  return result.value as T;
}

/**
 * Each desk connection becomes the training officer (`station-demo-switch`, as the training
 * station's desk screens do). A paired LAN desk is its desk already; a screen on the station
 * machine (loopback) claims it (`devices-claim`), so `outreach-call-next` calls for it.
 */
export async function prepareDesks(
  desks: readonly DayDesk[],
  how: { claim: boolean } = { claim: true },
): Promise<void> {
  for (const { desk, link } of desks) {
    value(
      `${desk} station-demo-switch`,
      (await link.call('station-demo-switch', { mode: 'officer' })).result,
    );
    if (how.claim)
      value(`${desk} devices-claim`, (await link.call('devices-claim', { desk })).result);
  }
}

/**
 * The event of the day, planned and started by the leader over the socket as on the plan screen:
 * the station's own village, `today` (YYYY-MM-DD, the station's day), the bench services;
 * started with an override reason (a fresh training station has not synced nor checked its
 * hardware).
 */
export async function setUpEvent(
  leader: Link,
  villageCode: string,
  visitors: number,
  today: string,
): Promise<string> {
  const saved = value<OutreachEventDetail>(
    'outreach-event-save',
    (
      await leader.call('outreach-event-save', {
        eventId: null,
        plan: {
          name: `Bench Jelades Semedi ${visitors} pengunjung`,
          villageCodes: [villageCode],
          days: [today],
          venue: 'Balai Desa (bench)',
          team: [],
          services: BENCH_SERVICES.map((s) => ({ ...s })),
        },
      })
    ).result,
  );
  value(
    'outreach-event-start',
    (
      await leader.call('outreach-event-start', {
        eventId: saved.id,
        overrideReason: 'Uji beban stasiun pelatihan: tanpa sinkronisasi dan cek perangkat',
      })
    ).result,
  );
  return saved.id;
}

export interface Settled {
  visits: number;
  visitsDone: number;
  services: number;
  done: number;
  followUp: number;
  /** Services done or follow-up. */
  settled: number;
}

/** What the station holds at the end of the day (outreach-visit-list). */
export async function settledServices(leader: Link, eventId: string): Promise<Settled> {
  const list = value<OutreachVisitList>(
    'outreach-visit-list',
    (await leader.call('outreach-visit-list', { eventId, status: null })).result,
  );
  const services = list.visits.flatMap((v) => v.services);
  const done = services.filter((s) => s.status === 'done').length;
  const followUp = services.filter((s) => s.status === 'follow-up').length;
  return {
    visits: list.visits.length,
    visitsDone: list.visits.filter((v) => v.status === 'done').length,
    services: services.length,
    done,
    followUp,
    settled: done + followUp,
  };
}
