import { sql, type Kysely } from 'kysely';
import type { HubDatabase } from '../hub-schema';

/**
 * The district report's reads (electron/hub/office/reports.ts), in SQL that SQLite and PostgreSQL
 * both run: plain group-by over the projections (office_applications, office_recordings) and the
 * hub's updates. Times are ISO text in UTC (`...Z`), so a range is a text comparison and the first
 * 13 characters name the UTC hour. Every range is [from, to) in UTC. Counts come back as numbers
 * (PostgreSQL answers count() as text).
 */
type Db = Kysely<HubDatabase>;

export interface Range {
  from: string;
  to: string;
}

export interface GroupCount {
  key: string | null;
  name: string | null;
  count: number;
}

/** Applications submitted in the range, counted per combination of what the report breaks down. */
export interface ApplicationGroup {
  channel: string;
  service_code: string;
  service_name: string | null;
  unit_id: string;
  kecamatan_code: string | null;
  kecamatan_name: string | null;
  office_status: string;
  count: number;
}

/**
 * One pass over the range for all five breakdowns (service, station, kecamatan, channel,
 * status): groups are the combinations that occur (a few thousand for a district), and the
 * caller adds them up per breakdown. Five group-bys would read the range five times.
 */
export async function applicationGroups(db: Db, range: Range): Promise<ApplicationGroup[]> {
  const rows = await db
    .selectFrom('office_applications')
    .select([
      'channel',
      'service_code',
      sql<string | null>`max(service_name)`.as('service_name'),
      'unit_id',
      'kecamatan_code',
      sql<string | null>`max(kecamatan_name)`.as('kecamatan_name'),
      sql<string>`office_status`.as('office_status'),
      (eb) => eb.fn.countAll().as('count'),
    ])
    .where('submitted_at', '>=', range.from)
    .where('submitted_at', '<', range.to)
    .groupBy(['channel', 'service_code', 'unit_id', 'kecamatan_code', 'office_status'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Applications submitted in the range per UTC hour (YYYY-MM-DDTHH) and channel. */
export async function applicationsByHour(
  db: Db,
  range: Range,
): Promise<{ hour: string; channel: string; count: number }[]> {
  const rows = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('office_applications')
        .select([sql<string>`substr(submitted_at, 1, 13)`.as('hour'), 'channel'])
        .where('submitted_at', '>=', range.from)
        .where('submitted_at', '<', range.to)
        .as('a'),
    )
    .select(['a.hour', 'a.channel', (eb) => eb.fn.countAll().as('count')])
    .groupBy(['a.hour', 'a.channel'])
    .execute();
  return rows.map((r) => ({ hour: r.hour, channel: r.channel, count: Number(r.count) }));
}

/**
 * Submission and issue time of every application issued in the range (one row each: 100,000
 * issued documents are about 5 MB of text).
 */
export function issuedInRange(
  db: Db,
  range: Range,
): Promise<{ submitted_at: string; decided_at: string }[]> {
  return db
    .selectFrom('office_applications')
    .select(['submitted_at', sql<string>`decided_at`.as('decided_at')])
    .where('office_status', '=', 'selesai')
    .where('decided_at', '>=', range.from)
    .where('decided_at', '<', range.to)
    .execute();
}

/** Station names by unit id (for the "by station" table). */
export async function stationNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('stations').select(['unit_id', 'name', 'unit_code']).execute();
  return new Map(rows.map((r) => [r.unit_id, `${r.name} (${r.unit_code})`]));
}

/**
 * The district's return and rejection notices sent in the range (application-status updates:
 * the text the applicant sees), as their JSON payloads. The LIKE is a portable pre-filter on
 * JSON.stringify's compact form (a quote inside a string is escaped, so it cannot match there);
 * the caller parses and checks each payload.
 */
export function statusNoticesInRange(
  db: Db,
  range: Range,
  statuses: readonly string[],
): Promise<{ payload: string; created_at: string }[]> {
  return db
    .selectFrom('updates')
    .select(['payload', 'created_at'])
    .where('kind', '=', 'application-status')
    .where('created_at', '>=', range.from)
    .where('created_at', '<', range.to)
    .where((eb) => eb.or(statuses.map((s) => eb('payload', 'like', `%"status":"${s}"%`))))
    .orderBy('seq')
    .execute();
}

/**
 * KTP-el recordings made in the range (the station's TGL_REKAM), by the status the recordings
 * projection holds now (office_recordings.status: the list's status, electron/hub/office/
 * recordings.ts).
 */
export async function recordingsByStatus(db: Db, range: Range): Promise<GroupCount[]> {
  const rows = await db
    .selectFrom('office_recordings')
    .select(['status', (eb) => eb.fn.countAll().as('count')])
    .where('recorded_at', '>=', range.from)
    .where('recorded_at', '<', range.to)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ key: r.status, name: null, count: Number(r.count) }));
}
