import type { ApplicationSubmitArgs, Result } from '../contract';
import type { Client } from '../transport/client';
import type { Session } from '../transport/dispatcher';
import { memoryPair } from '../transport/memory-pair';
import { loadConsent } from '../core/applications/consent';
import type { TestStation } from './station';

/** Sessions, submissions and row counts shared by the desk tests (test code only). */

export const KIOSK: Session = { role: 'kiosk', userName: null, mode: 'kiosk' };
export const SRI: Session = {
  role: 'operator',
  userName: 'Sri Wahyuni',
  mode: 'officer',
  userId: 'user-sri',
};
export const BUDI: Session = {
  role: 'operator',
  userName: 'Budi Santoso',
  mode: 'officer',
  userId: 'user-budi',
};
export const RINA: Session = {
  role: 'supervisor',
  userName: 'Rina Kartika',
  mode: 'officer',
  userId: 'user-rina',
};
export const ANTON: Session = {
  role: 'supervisor',
  userName: 'Anton Wijaya',
  mode: 'officer',
  userId: 'user-anton',
};

export const NIK = '1602054107900001';
export const KK = '1602051234567890';

let connections = 0;

export interface Desk {
  station: TestStation;
  as(session: Session): Client;
}

export function desk(station: TestStation): Desk {
  return {
    station,
    as: (session) => memoryPair(station.dispatcher, `desk-${connections++}`, session),
  };
}

/** A small JPEG-looking photo (start and end markers); `fill` makes its hash differ. */
export function jpeg(size = 2000, fill = 1): string {
  const bytes = Buffer.alloc(size, fill);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes.toString('base64');
}

export function photo(requirementCode: string, fill = 1): ApplicationSubmitArgs['photos'][number] {
  return {
    requirementCode,
    dataBase64: jpeg(2000, fill),
    width: 1200,
    height: 900,
    takenAt: '2026-11-29T01:59:00.000Z',
  };
}

export function submission(
  station: TestStation,
  over: Partial<ApplicationSubmitArgs> = {},
): ApplicationSubmitArgs {
  const consent = loadConsent(station.ports.paths.resourcesDir);
  return {
    serviceCode: 'ktp-el-hilang',
    fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': KK, 'pemohon-telepon': '081234567890' },
    photos: [photo('kk')],
    consent: { isAccepted: true, version: consent.version, language: 'id' },
    ...over,
  };
}

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Submits at the kiosk and returns the application id. */
export async function submitAtKiosk(
  d: Desk,
  over: Partial<ApplicationSubmitArgs> = {},
): Promise<string> {
  const submitted = value(
    await d.as(KIOSK).send('applications-submit', submission(d.station, over)),
  );
  return idOf(d.station, submitted.number);
}

export function idOf(station: TestStation, number: string): string {
  return station.deps.sqlite
    .prepare('SELECT id FROM applications WHERE number = ?')
    .pluck()
    .get(number) as string;
}

export function count(station: TestStation, table: string, where = '1'): number {
  return station.deps.sqlite
    .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get() as number;
}

const TABLES = [
  'applications',
  'application_claims',
  'application_checks',
  'application_status_history',
  'audit_log',
  'outbox',
];

/** Row counts of every table a desk action writes, plus the application's status. */
export function snapshot(station: TestStation, id: string): Record<string, unknown> {
  const status = station.deps.sqlite
    .prepare('SELECT status FROM applications WHERE id = ?')
    .pluck()
    .get(id);
  return { status, ...Object.fromEntries(TABLES.map((t) => [t, count(station, t)])) };
}

export function auditActions(station: TestStation, prefix = 'desk.'): string[] {
  return station.deps.sqlite
    .prepare('SELECT action FROM audit_log WHERE action LIKE ? ORDER BY seq')
    .pluck()
    .all(`${prefix}%`) as string[];
}

export function reasonOf<T>(result: Result<T>): string | undefined {
  return result.ok ? undefined : (result.error.reason ?? result.error.code);
}
