import type { Kysely } from 'kysely';
import type { HubDatabase, OfficeStatus } from '../../../db/hub-schema';
import { stationByUnit } from '../../../db/queries/hub-stations';
import {
  applicationRecords,
  documentOfSubject,
  reopenReturned,
  setBackfilledOutcome,
  statusUpdatesOf,
  unprojectedApplications,
  upsertProjected,
  type ProjectedApplication,
} from '../../../db/queries/office-queue';
import type { ApplicationDisplay } from '../../protocol/outbox';
import { projectOutreachEvents } from './report-outreach';

/**
 * The work queue's projection (issue 15 item 4; office_applications): every application record
 * the hub stores refreshes its application's row in the same transaction (ingest.ts), and hub open
 * back-fills the applications stored before the table existed. A station's record is data from an
 * authenticated but fallible station: anything malformed is skipped here, never thrown (a throw
 * would refuse the whole packet).
 */

/** The submit record as the hub stores it (person fields under SIAK names, docs/sync-packets.md). */
export interface StoredSubmit {
  id?: unknown;
  number?: unknown;
  service_code?: unknown;
  status?: unknown;
  NIK?: unknown;
  NO_KK?: unknown;
  NAMA_LGKP?: unknown;
  fields?: unknown;
  channel?: unknown;
  created_at?: unknown;
  photos?: unknown;
  status_history?: unknown;
  registry?: unknown;
  display?: unknown;
}

/** The desk's status that sends an application (again) to the district. */
const SENT = 'diverifikasi';
const CHANNELS: ReadonlySet<string> = new Set(['kiosk', 'desk', 'outreach']);

const text = (value: unknown, max = 200): string | null =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;

export function parseData(data: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(data) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A submit record carries its photos and creation time; a desk decision carries neither. */
export function isSubmit(
  data: Record<string, unknown>,
): data is StoredSubmit & Record<string, unknown> {
  return (
    Array.isArray(data.photos) &&
    typeof data.number === 'string' &&
    typeof data.service_code === 'string' &&
    typeof data.created_at === 'string'
  );
}

export function answersOf(submit: StoredSubmit): Record<string, string> {
  const fields = submit.fields;
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

/** The record's display block when it is well-formed enough to read (issue 15 stations on). */
export function displayOf(submit: StoredSubmit): Partial<ApplicationDisplay> {
  const display = submit.display;
  return display !== null && typeof display === 'object' && !Array.isArray(display)
    ? (display as Partial<ApplicationDisplay>)
    : {};
}

function placeOf(
  submit: StoredSubmit,
  stationRegion: string | null,
): Pick<
  ProjectedApplication,
  'village_code' | 'village_name' | 'kecamatan_code' | 'kecamatan_name'
> {
  const village = displayOf(submit).village;
  const answered = answersOf(submit)['alamat-wilayah'];
  const named =
    village && typeof village === 'object' && /^\d{10}$/.test(String(village.NO_KEL))
      ? village
      : null;
  const code =
    named?.NO_KEL ??
    (answered !== undefined && /^\d{10}$/.test(answered) ? answered : null) ??
    (stationRegion !== null && /^\d{10}$/.test(stationRegion) ? stationRegion : null);
  const kecamatan =
    code?.slice(0, 6) ??
    (stationRegion !== null && /^\d{6,10}$/.test(stationRegion) ? stationRegion.slice(0, 6) : null);
  return {
    village_code: code,
    village_name: named && named.NO_KEL === code ? text(named.NAMA_KEL) : null,
    kecamatan_code: kecamatan,
    kecamatan_name: named && named.NO_KEC === kecamatan ? text(named.NAMA_KEC) : null,
  };
}

/**
 * Recomputes one application's row from all its records of this unit (order-independent: a desk
 * decision that arrives before the submit waits for it). `sent` says a record that arrived now
 * sends the application to the district again (after a return it is new once more).
 */
async function refresh(
  trx: Kysely<HubDatabase>,
  unitId: string,
  applicationId: string,
  at: string,
  options: { sent: boolean; stationRegion: string | null },
): Promise<boolean> {
  const records = await applicationRecords(trx, unitId, applicationId);
  let submit: StoredSubmit | null = null;
  let stationStatus: string | null = null;
  for (const record of records) {
    const data = parseData(record.data);
    if (!data) continue;
    if (isSubmit(data)) submit = data;
    stationStatus = text(data.status, 40) ?? stationStatus;
  }
  if (!submit) return false;
  const display = displayOf(submit);
  const channel =
    typeof submit.channel === 'string' && CHANNELS.has(submit.channel)
      ? (submit.channel as ProjectedApplication['channel'])
      : 'desk';
  await upsertProjected(trx, {
    application_id: applicationId,
    unit_id: unitId,
    number: text(submit.number, 80) ?? applicationId,
    service_code: text(submit.service_code, 80) ?? '',
    service_name:
      display.service && typeof display.service.id === 'string' ? text(display.service.id) : null,
    channel,
    applicant_nik: text(submit.NIK, 32),
    applicant_kk: text(submit.NO_KK, 32),
    applicant_name: text(submit.NAMA_LGKP),
    ...placeOf(submit, options.stationRegion),
    submitted_at: text(submit.created_at, 40) ?? at,
    station_status: stationStatus ?? 'diajukan',
    updated_at: at,
  });
  if (options.sent) await reopenReturned(trx, applicationId, unitId, at);
  return true;
}

/**
 * Called by ingest.ts in the transaction that stores a packet's records, with the records that
 * arrived for the first time.
 */
export async function projectRecords(
  trx: Kysely<HubDatabase>,
  unitId: string,
  fresh: readonly { aggregate: string; aggregate_id: string; data: string }[],
  at: string,
): Promise<void> {
  // Outreach events' confirmed reports (issue 16; report-outreach.ts).
  await projectOutreachEvents(trx, unitId, fresh, at);
  const touched = new Map<string, boolean>();
  for (const record of fresh) {
    if (record.aggregate !== 'application') continue;
    const data = parseData(record.data);
    // A submit record, or the desk's verification: the station sends the application (again).
    const sends = data !== null && (isSubmit(data) || data.status === SENT);
    touched.set(record.aggregate_id, (touched.get(record.aggregate_id) ?? false) || sends);
  }
  if (touched.size === 0) return;
  const stationRegion = (await stationByUnit(trx, unitId))?.region_code ?? null;
  for (const [applicationId, sent] of touched)
    await refresh(trx, unitId, applicationId, at, { sent, stationRegion });
}

/** What an older district decision (the hub CLI, before the back-office) made of it. */
const DECIDED: Readonly<Record<string, OfficeStatus>> = {
  selesai: 'selesai',
  ditolak: 'ditolak',
};

/**
 * At hub open: rows for the applications stored before the projection existed, each in its own
 * transaction, with the outcome of any decision the hub CLI made on them. Returns how many.
 */
export async function backfillProjection(db: Kysely<HubDatabase>, at: string): Promise<number> {
  const missing = await unprojectedApplications(db);
  let made = 0;
  const regions = new Map<string, string | null>();
  for (const { unit_id: unitId, aggregate_id: applicationId } of missing) {
    if (!regions.has(unitId))
      regions.set(unitId, (await stationByUnit(db, unitId))?.region_code ?? null);
    const isMade = await db.transaction().execute(async (trx) => {
      const stationRegion = regions.get(unitId) ?? null;
      if (!(await refresh(trx, unitId, applicationId, at, { sent: false, stationRegion })))
        return false;
      const updates = await statusUpdatesOf(trx, applicationId);
      for (const update of updates.reverse()) {
        const payload = parseData(update.payload);
        const status = DECIDED[String(payload?.status)];
        if (!payload || !status) continue;
        const document = status === 'selesai' ? await documentOfSubject(trx, applicationId) : null;
        await setBackfilledOutcome(trx, applicationId, {
          office_status: status,
          decided_at: text(payload.at, 40) ?? update.created_at,
          decided_by_name: text(payload.by),
          decision_reason: text(payload.reason, 300),
          document_number: document?.document_number ?? null,
        });
        break;
      }
      return true;
    });
    if (isMade) made += 1;
  }
  return made;
}
