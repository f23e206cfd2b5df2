import type { PushEvents, PushName } from '../contract';
import type { Client } from '../transport/client';
import type { ConnectionSource, Session } from '../transport/dispatcher';
import { memoryPair } from '../transport/memory-pair';
import type { TestStation } from './station';

/**
 * Events, desks and pushes for the outreach visit tests (electron/core/outreach/*.test.ts; test
 * code only). An event is written straight into the tables: these tests are about the visits,
 * not about planning one.
 */

/** The test station's day (its fixed clock: 2026-11-29T02:00Z is 09:00 WIB). */
export const TODAY = '2026-11-29';

export const EVENT_SERVICES = ['perekaman-ktp-el', 'kia-baru', 'kk-perubahan', 'akta-kelahiran'];

let events = 0;

/** A running event of the station's unit offering `services`; returns its id. */
export function runningEvent(
  station: TestStation,
  over: { services?: string[]; days?: string[]; status?: string; name?: string } = {},
): string {
  const id = `0193c000-0000-7000-8000-${String(++events).padStart(12, '0')}`;
  const db = station.deps.sqlite;
  db.prepare(
    `INSERT INTO outreach_events (id, unit_id, name, village_codes, kecamatan_code, days, venue,
       status, is_training, created_at, created_by, started_at, started_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'Rina Kartika', ?, 'Rina Kartika')`,
  ).run(
    id,
    station.deps.unit.unit_id,
    over.name ?? 'Jelades Semedi Desa Kijang Ulu',
    JSON.stringify([station.deps.unit.region_code]),
    station.deps.unit.region_code.slice(0, 6),
    JSON.stringify(over.days ?? [TODAY]),
    'Balai Desa Kijang Ulu',
    over.status ?? 'running',
    '2026-11-29T01:00:00.000Z',
    '2026-11-29T01:30:00.000Z',
  );
  const insert = db.prepare(
    'INSERT INTO outreach_services (event_id, service_code, target, position) VALUES (?, ?, 50, ?)',
  );
  (over.services ?? EVENT_SERVICES).forEach((code, i) => insert.run(id, code, i));
  return id;
}

let connections = 0;

/** A connection of `session` as the paired LAN desk `desk` (or a display when desk is null). */
export function deskClient(
  station: TestStation,
  session: Session,
  desk: string | null,
): { client: Client; id: string } {
  const id = `outreach-${++connections}`;
  const source: ConnectionSource = {
    transport: 'ws',
    address: `192.168.1.${10 + (connections % 200)}`,
    local: false,
    lan: { deviceId: `device-${id}`, kind: desk ? 'desk' : 'display', desk },
  };
  return { client: memoryPair(station.dispatcher, id, session, source), id };
}

/** Everything a client receives of these pushes, in order. */
export function recordPushes<N extends PushName>(
  client: Client,
  names: readonly N[],
): Array<{ name: N; payload: PushEvents[N] }> {
  const seen: Array<{ name: N; payload: PushEvents[N] }> = [];
  for (const name of names) client.listen(name, (payload) => seen.push({ name, payload }));
  return seen;
}

/** The next push `name` that `match` accepts (registered before the action that causes it). */
export function nextPush<N extends PushName>(
  client: Client,
  name: N,
  match: (payload: PushEvents[N]) => boolean = () => true,
): Promise<PushEvents[N]> {
  return new Promise((resolve) => {
    const stop = client.listen(name, (payload) => {
      if (!match(payload)) return;
      stop();
      resolve(payload);
    });
  });
}

/** Row counts of the visit tables and the audit log. */
export function visitCounts(station: TestStation): Record<string, number> {
  const count = (table: string) =>
    station.deps.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return Object.fromEntries(
    ['outreach_visits', 'outreach_visit_services', 'outreach_calls', 'audit_log'].map((t) => [
      t,
      count(t),
    ]),
  );
}
