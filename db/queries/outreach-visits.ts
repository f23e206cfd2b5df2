import type { Insertable, Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type {
  Database,
  OutreachEventsTable,
  OutreachVisitServicesTable,
  OutreachVisitsTable,
} from '../schema';
import { servicesOf } from './outreach-plan';

/**
 * Visits of an outreach event, their services and the calls of the queue (issue 16;
 * docs/outreach-visits.md). Numbers are per event and Jakarta day; the callers run the
 * read-then-write steps (next number, oldest waiting) inside one transaction, which the single
 * SQLite connection serializes.
 */

export type OutreachVisitRow = Selectable<OutreachVisitsTable>;
export type OutreachVisitServiceRow = Selectable<OutreachVisitServicesTable>;
export type OutreachEventHead = Pick<
  Selectable<OutreachEventsTable>,
  'id' | 'name' | 'status' | 'days' | 'venue' | 'is_training'
>;

const EVENT_HEAD = ['id', 'name', 'status', 'days', 'venue', 'is_training'] as const;

/** The visits of one event day: the start of every read through the (event_id, day, …) index. */
export function dayVisits(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): SelectQueryBuilder<Database, 'outreach_visits', object> {
  return db.selectFrom('outreach_visits').where('event_id', '=', eventId).where('day', '=', day);
}

/** The calls of one event day, as `c` joined to their visits as `v`. */
export function dayCalls(db: Kysely<Database>, eventId: string, day: string) {
  return db
    .selectFrom('outreach_calls as c')
    .innerJoin('outreach_visits as v', 'v.id', 'c.visit_id')
    .where('v.event_id', '=', eventId)
    .where('v.day', '=', day);
}

/** The event of this unit with this id (another unit's event counts as none). */
export async function eventHead(
  db: Kysely<Database>,
  unitId: string,
  eventId: string,
): Promise<OutreachEventHead | null> {
  const row = await db
    .selectFrom('outreach_events')
    .select(EVENT_HEAD)
    .where('id', '=', eventId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
  return row ?? null;
}

/** The unit's running event (the one started last when, against the rules, several run). */
export async function runningEventHead(
  db: Kysely<Database>,
  unitId: string,
): Promise<OutreachEventHead | null> {
  const row = await db
    .selectFrom('outreach_events')
    .select(EVENT_HEAD)
    .where('unit_id', '=', unitId)
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ?? null;
}

/** The service codes the event offers. */
export async function eventServiceCodes(db: Kysely<Database>, eventId: string): Promise<string[]> {
  return (await servicesOf(db, eventId)).map((r) => r.service_code);
}

/** The next queue number of the event's day: 1 + the highest given, 1 for the first. */
export async function nextVisitNumber(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<number> {
  const row = await dayVisits(db, eventId, day)
    .select((eb) => eb.fn.max<number | null>(eb.cast<number>('number', 'integer')).as('top'))
    .executeTakeFirst();
  return Number(row?.top ?? 0) + 1;
}

export async function insertVisit(
  db: Kysely<Database>,
  visit: Insertable<OutreachVisitsTable>,
  services: Insertable<OutreachVisitServicesTable>[],
): Promise<void> {
  await db.insertInto('outreach_visits').values(visit).execute();
  await db.insertInto('outreach_visit_services').values(services).execute();
}

export async function visitRow(
  db: Kysely<Database>,
  visitId: string,
): Promise<OutreachVisitRow | null> {
  const row = await db
    .selectFrom('outreach_visits')
    .selectAll()
    .where('id', '=', visitId)
    .executeTakeFirst();
  return row ?? null;
}

export async function visitServiceRow(
  db: Kysely<Database>,
  serviceId: string,
): Promise<OutreachVisitServiceRow | null> {
  const row = await db
    .selectFrom('outreach_visit_services')
    .selectAll()
    .where('id', '=', serviceId)
    .executeTakeFirst();
  return row ?? null;
}

/** The services of these visits, with the linked application's number, in visit order. */
export async function servicesOfVisits(
  db: Kysely<Database>,
  visitIds: readonly string[],
): Promise<Array<OutreachVisitServiceRow & { application_number: string | null }>> {
  if (visitIds.length === 0) return [];
  return db
    .selectFrom('outreach_visit_services as s')
    .leftJoin('applications as a', 'a.id', 's.application_id')
    .selectAll('s')
    .select('a.number as application_number')
    .where('s.visit_id', 'in', visitIds)
    .orderBy('s.visit_id')
    .orderBy('s.position')
    .execute();
}

/** One day's visits of an event in arrival (= number) order, optionally of one status. */
export async function visitsOfDay(
  db: Kysely<Database>,
  eventId: string,
  day: string,
  status: OutreachVisitRow['status'] | null,
): Promise<OutreachVisitRow[]> {
  let query = dayVisits(db, eventId, day).selectAll();
  if (status) query = query.where('status', '=', status);
  return query.orderBy('arrived_at').orderBy('id').execute();
}

/** The oldest visit of the day still waiting (ids are UUIDv7: they break a tie in order). */
export async function oldestWaiting(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<OutreachVisitRow | null> {
  const row = await dayVisits(db, eventId, day)
    .selectAll()
    .where('status', '=', 'waiting')
    .orderBy('arrived_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

/** The visits a desk has open (called or being served), today. */
export async function openVisitsOfDesk(
  db: Kysely<Database>,
  eventId: string,
  day: string,
  desk: string,
): Promise<OutreachVisitRow[]> {
  return dayVisits(db, eventId, day)
    .selectAll()
    .where('desk', '=', desk)
    .where('status', 'in', ['called', 'serving'])
    .execute();
}

/**
 * Takes a waiting visit for `desk`: true when this call changed it (false when another desk took
 * it first, or it is no longer waiting).
 */
export async function takeWaiting(
  db: Kysely<Database>,
  visitId: string,
  desk: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('outreach_visits')
    .set({ status: 'called', desk, called_at: at })
    .where('id', '=', visitId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertCall(
  db: Kysely<Database>,
  call: { visit_id: string; desk: string; at: string; is_repeat: 0 | 1 },
): Promise<void> {
  await db.insertInto('outreach_calls').values(call).execute();
}

export async function updateVisit(
  db: Kysely<Database>,
  visitId: string,
  set: Updateable<OutreachVisitsTable>,
): Promise<void> {
  await db.updateTable('outreach_visits').set(set).where('id', '=', visitId).execute();
}

export async function updateVisitService(
  db: Kysely<Database>,
  serviceId: string,
  set: Updateable<OutreachVisitServicesTable>,
): Promise<void> {
  await db.updateTable('outreach_visit_services').set(set).where('id', '=', serviceId).execute();
}

/** The service a linked application or recording already belongs to, if any. */
export async function serviceLinkedTo(
  db: Kysely<Database>,
  link: { applicationId: string } | { recordingId: string },
): Promise<OutreachVisitServiceRow | null> {
  const query = db.selectFrom('outreach_visit_services').selectAll();
  const row = await (
    'applicationId' in link
      ? query.where('application_id', '=', link.applicationId)
      : query.where('recording_id', '=', link.recordingId)
  ).executeTakeFirst();
  return row ?? null;
}

export async function applicationHead(
  db: Kysely<Database>,
  applicationId: string,
): Promise<{
  id: string;
  number: string;
  service_code: string;
  applicant_nik: string | null;
} | null> {
  const row = await db
    .selectFrom('applications')
    .select(['id', 'number', 'service_code', 'applicant_nik'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  return row ?? null;
}

export async function recordingHead(
  db: Kysely<Database>,
  recordingId: string,
): Promise<{ id: string; resident_nik: string | null } | null> {
  const row = await db
    .selectFrom('recordings')
    .select(['id', 'resident_nik'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
  return row ?? null;
}

export interface DayCall {
  number: string;
  desk: string;
  at: string;
  is_repeat: number;
}

/** The latest calls of an event's day, newest first. */
export async function recentCalls(
  db: Kysely<Database>,
  eventId: string,
  day: string,
  limit: number,
): Promise<DayCall[]> {
  return dayCalls(db, eventId, day)
    .select(['v.number', 'c.desk', 'c.at', 'c.is_repeat'])
    .orderBy('c.seq', 'desc')
    .limit(limit)
    .execute();
}

/** Each desk's latest call of the day. */
export async function latestCallPerDesk(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<DayCall[]> {
  const latest = dayCalls(db, eventId, day)
    .select((e) => e.fn.max('c.seq').as('seq'))
    .groupBy('c.desk');
  return dayCalls(db, eventId, day)
    .select(['v.number', 'c.desk', 'c.at', 'c.is_repeat'])
    .where('c.seq', 'in', latest)
    .orderBy('c.desk')
    .execute();
}

/** The latest call of a visit (the one a repeat announces again). */
export async function lastCallOfVisit(
  db: Kysely<Database>,
  visitId: string,
): Promise<{ desk: string; at: string; is_repeat: number } | null> {
  const row = await db
    .selectFrom('outreach_calls')
    .select(['desk', 'at', 'is_repeat'])
    .where('visit_id', '=', visitId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function countWaitingVisits(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<number> {
  const row = await dayVisits(db, eventId, day)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Desks paired over the LAN and not removed (the display shows their tiles before a call). */
export async function pairedDesks(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('lan_devices')
    .select('desk')
    .where('kind', '=', 'desk')
    .where('removed_at', 'is', null)
    .where('desk', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.desk ? [r.desk] : []));
}
