import type { Insertable, Kysely } from 'kysely';
import type {
  HubDatabase,
  OfficeApplicationsTable,
  OfficeRecordingsTable,
} from '../../db/hub-schema';
import type { ReportArgs } from '../contract/office/reports';
import { queueUpdate } from '../hub/updates';

/**
 * A known data set for the district report (electron/hub/office/reports.ts): applications
 * either side of Jakarta midnight (23:30 WIB = 16:30Z, 00:30 WIB = 17:30Z), issues the same WIB
 * day and the next, returns and rejections with their reasons (application-status updates, as
 * the decisions write them), KTP-el recordings by status. The figures it must give for
 * REPORT_RANGE (1 to 3 December 2026, daily) are worked out by hand in reports.test.ts.
 */

export const REPORT_DISTRICT = 'Disdukcapil Kabupaten Ogan Komering Ilir';
export const REPORT_NOW = '2026-12-05T03:00:00.000Z';
export const REPORT_RANGE: ReportArgs = { period: 'day', from: '2026-12-01', to: '2026-12-03' };

type App = Insertable<OfficeApplicationsTable>;
function app(id: string, fields: Partial<App> & Pick<App, 'submitted_at'>): App {
  return {
    application_id: id,
    unit_id: 'u1',
    number: `N-${id}`,
    service_code: 'kk-baru',
    service_name: 'Kartu Keluarga baru',
    channel: 'kiosk',
    applicant_nik: null,
    applicant_kk: null,
    applicant_name: null,
    village_code: null,
    village_name: null,
    kecamatan_code: '160205',
    kecamatan_name: 'Kayu Agung',
    station_status: 'diajukan',
    office_status: 'baru',
    updated_at: REPORT_NOW,
    ...fields,
  };
}

const LEMPUING = { kecamatan_code: '160206', kecamatan_name: 'Lempuing' } as const;
const AKTA = { service_code: 'akta-lahir', service_name: 'Akta Kelahiran' } as const;
const issued = (at: string): Partial<App> => ({ office_status: 'selesai', decided_at: at });

export const REPORT_APPLICATIONS: App[] = [
  // 30 Nov 23:30 WIB: the day before the range.
  app('a01', { submitted_at: '2026-11-30T16:30:00.000Z' }),
  // 1 Dec 00:30 WIB: the range's first day.
  app('a02', { submitted_at: '2026-11-30T17:30:00.000Z' }),
  // 1 Dec 23:30 WIB, issued 2 Dec 00:30 WIB: one hour, but not the same day.
  app('a03', { submitted_at: '2026-12-01T16:30:00.000Z', ...issued('2026-12-01T17:30:00.000Z') }),
  // 1 Dec 08:00 WIB, issued 12:00 WIB the same day (4 h), at the desk, no kecamatan.
  app('a04', {
    submitted_at: '2026-12-01T01:00:00.000Z',
    channel: 'desk',
    kecamatan_code: null,
    kecamatan_name: null,
    ...AKTA,
    ...issued('2026-12-01T05:00:00.000Z'),
  }),
  // Outreach (jemput bola) at the second station, issued after 24 h.
  app('a05', {
    submitted_at: '2026-12-02T02:00:00.000Z',
    channel: 'outreach',
    unit_id: 'u2',
    ...LEMPUING,
    ...issued('2026-12-03T02:00:00.000Z'),
  }),
  // 3 Dec 23:59:59 WIB: the range's last second.
  app('a06', {
    submitted_at: '2026-12-03T16:59:59.000Z',
    channel: 'desk',
    unit_id: 'u2',
    ...LEMPUING,
  }),
  // 4 Dec 00:00 WIB: after the range.
  app('a07', { submitted_at: '2026-12-03T17:00:00.000Z' }),
  app('a08', {
    submitted_at: '2026-12-02T03:00:00.000Z',
    unit_id: 'u2',
    ...LEMPUING,
    ...AKTA,
    office_status: 'ditolak',
    decided_at: '2026-12-02T05:00:00.000Z',
  }),
  app('a09', {
    submitted_at: '2026-12-02T04:00:00.000Z',
    office_status: 'dikembalikan',
    decided_at: '2026-12-02T06:00:00.000Z',
  }),
  // Submitted before the range, issued inside it (48 h): in the issue figures only.
  app('a10', { submitted_at: '2026-11-29T03:00:00.000Z', ...issued('2026-12-01T03:00:00.000Z') }),
  // Submitted inside, issued 4 Dec 00:30 WIB: received, not issued in the range.
  app('a11', {
    submitted_at: '2026-12-03T02:00:00.000Z',
    ...AKTA,
    ...issued('2026-12-03T17:30:00.000Z'),
  }),
];

/** The district's notices (application-status updates) the applicants saw. */
export const REPORT_NOTICES: { id: string; status: string; reason: string | null; at: string }[] = [
  { id: 'a08', status: 'ditolak', reason: 'Foto KK tidak terbaca', at: '2026-12-02T05:00:00.000Z' },
  {
    id: 'a12',
    status: 'ditolak',
    reason: ' Foto KK tidak terbaca ',
    at: '2026-12-03T01:00:00.000Z',
  },
  { id: 'a13', status: 'ditolak', reason: 'Bukan penduduk OKI', at: '2026-12-01T02:00:00.000Z' },
  {
    id: 'a09',
    status: 'dikembalikan',
    reason: '=1+1; "cek" surat',
    at: '2026-12-02T06:00:00.000Z',
  },
  {
    id: 'a14',
    status: 'dikembalikan',
    reason: 'Lengkapi pengantar',
    at: '2026-12-04T01:00:00.000Z',
  },
  { id: 'a03', status: 'selesai', reason: null, at: '2026-12-01T17:30:00.000Z' },
  { id: 'a02', status: 'dikirim', reason: null, at: '2026-12-01T01:00:00.000Z' },
];

type Rec = Insertable<OfficeRecordingsTable>;
const rec = (id: string, recordedAt: string, status: string): Rec => ({
  recording_id: id,
  unit_id: 'u1',
  nik: null,
  name: null,
  recorded_at: recordedAt,
  is_first_time: 0,
  station_status: status,
  station_seq: 1,
  decision: null,
  decision_note: null,
  decided_at: null,
  decided_by: null,
  status,
  updated_at: REPORT_NOW,
});
export const REPORT_RECORDINGS: Rec[] = [
  rec('r1', '2026-11-30T17:30:00.000Z', 'prr'),
  rec('r2', '2026-12-02T03:00:00.000Z', 'terkirim'),
  rec('r3', '2026-12-03T03:00:00.000Z', 'terkirim'),
  rec('r4', '2026-12-03T16:59:00.000Z', 'diserahkan'),
  rec('r5', '2026-11-30T16:30:00.000Z', 'prr'),
];

/** Two stations, the applications, the district's notices and the recordings, into a hub. */
export async function seedReportData(db: Kysely<HubDatabase>): Promise<void> {
  for (const [unit, name, code] of [
    ['u1', 'Kios Kayuagung', 'KAG'],
    ['u2', 'Loket Lempuing', 'LMP'],
  ] as const)
    await db
      .insertInto('stations')
      .values({
        unit_id: unit,
        unit_code: code,
        name,
        region_code: '160205',
        signing_key: `sign-${unit}`,
        encryption_key: `enc-${unit}`,
        enrolled_at: REPORT_NOW,
        revoked_at: null,
      })
      .execute();
  await db.insertInto('office_applications').values(REPORT_APPLICATIONS).execute();
  await db.insertInto('office_recordings').values(REPORT_RECORDINGS).execute();
  for (const n of REPORT_NOTICES)
    await queueUpdate(
      db,
      {
        unitId: 'u1',
        kind: 'application-status',
        subjectId: n.id,
        payload: { status: n.status, reason: n.reason, by: 'Kasi', at: n.at },
      },
      n.at,
    );
}
