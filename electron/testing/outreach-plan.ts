import type { OutreachEventPlan, Result } from '../contract';
import type { Session } from '../transport/dispatcher';
import { RINA, SRI } from './desk';
import { as } from './recording';
import type { TestStation } from './station';

/** Outreach plan fixtures (issue 16; test code only). */

/** Desa Kijang Ulu, the training station's own village (Kec. Kayu Agung). */
export const KIJANG_ULU = '1602052011';

/** Station accounts for the sessions of testing/desk.ts (a team holds accounts only). */
export async function addAccounts(station: TestStation): Promise<void> {
  const at = '2026-11-01T00:00:00.000Z';
  await station.deps.db
    .insertInto('users')
    .values(
      [
        ['user-rina', 'rina', 'Rina Kartika', 'supervisor'],
        ['user-sri', 'sri', 'Sri Wahyuni', 'operator'],
        ['user-budi', 'budi', 'Budi Santoso', 'operator'],
        ['user-old', 'lama', 'Akun Nonaktif', 'operator'],
      ].map(([id, username, display_name, role]) => ({
        id: id ?? '',
        username: username ?? '',
        display_name: display_name ?? '',
        role: role as 'operator' | 'supervisor',
        pin_hash: null,
        is_active: id === 'user-old' ? 0 : 1,
        failed_attempts: 0,
        locked_until: null,
        created_at: at,
      })),
    )
    .execute();
}

/** A valid plan on the test clock's day (2026-11-29 WIB) and the next. */
export function kijangUluPlan(over: Partial<OutreachEventPlan> = {}): OutreachEventPlan {
  return {
    name: 'Jelades Semedi Desa Kijang Ulu',
    villageCodes: [KIJANG_ULU],
    days: ['2026-11-29', '2026-11-30'],
    venue: 'Balai Desa Kijang Ulu',
    team: [
      { userId: 'user-rina', task: 'ketua' },
      { userId: 'user-sri', task: 'perekaman' },
    ],
    services: [
      { serviceCode: 'perekaman-ktp-el', target: 40 },
      { serviceCode: 'kk-perubahan', target: 10 },
      { serviceCode: 'kia-baru', target: 15 },
    ],
    ...over,
  };
}

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok)
    throw new Error(`${result.error.code} ${result.error.reason ?? ''}: ${result.error.message}`);
  return result.value;
}

export async function planEvent(
  station: TestStation,
  plan: OutreachEventPlan = kijangUluPlan(),
  session: Session = RINA,
): Promise<string> {
  return valueOf(await as(station, session).send('outreach-event-save', { eventId: null, plan }))
    .id;
}

/** Receives blanks at the office through the real stock handler. */
export async function receive(
  station: TestStation,
  item: 'blanko-ktp-el' | 'blanko-kia' | 'ribbon',
  count: number,
): Promise<void> {
  valueOf(
    await as(station, SRI).send('stock-move', { item, kind: 'received', count, note: 'BAST uji' }),
  );
}

/** Row counts of every table the plan part writes, with the audit log and the outbox. */
export function planCounts(station: TestStation): Record<string, number> {
  const tables = [
    'outreach_events',
    'outreach_team',
    'outreach_services',
    'outreach_readiness',
    'stock_movements',
    'audit_log',
    'outbox',
  ];
  return Object.fromEntries(
    tables.map((t) => [
      t,
      station.deps.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
    ]),
  );
}
