import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, OutreachReportsTable } from '../schema';
import { getEvent, type OutreachEventRow } from './outreach-plan';
import { dayCalls, dayVisits } from './outreach-visits';

/**
 * Reads of the outreach board and report (issue 16; electron/core/outreach/board.ts, report.ts)
 * and the confirmed reports (outreach_reports). Every read of visits goes through the event's
 * (event_id, day, number) unique index or the (event_id, status, arrived_at) index.
 */

export type { OutreachEventRow } from './outreach-plan';
/** The event's services with their targets, in the plan's order. */
export { servicesOf as outreachEventServices } from './outreach-plan';
export type OutreachReportRow = Selectable<OutreachReportsTable>;

export async function outreachEventRow(
  db: Kysely<Database>,
  eventId: string,
): Promise<OutreachEventRow | null> {
  return (await getEvent(db, eventId)) ?? null;
}

const EVENT_KINDS: Readonly<Record<string, 'out' | 'used' | 'spoiled' | 'returned'>> = {
  'transfer-in': 'out',
  used: 'used',
  spoiled: 'spoiled',
  'transfer-out': 'returned',
};

/**
 * The event's own stock (stock_movements rows with its event_id, docs/outreach.md "Stock") as
 * positive sums per item and kind: carried out to it ('transfer-in' there), used, spoiled and
 * returned ('transfer-out' back to the office); only the movements in [from, to) when given.
 */
export async function outreachStockSums(
  db: Kysely<Database>,
  eventId: string,
  range: { from?: string; to?: string } = {},
): Promise<{ item: string; kind: 'out' | 'used' | 'spoiled' | 'returned'; total: number }[]> {
  let query = db
    .selectFrom('stock_movements')
    .select(['item', 'kind', sql<number>`sum(delta)`.as('total')])
    .where('event_id', '=', eventId);
  if (range.from !== undefined) query = query.where('at', '>=', range.from);
  if (range.to !== undefined) query = query.where('at', '<', range.to);
  const rows = await query.groupBy(['item', 'kind']).execute();
  return rows.flatMap((r) => {
    const kind = EVENT_KINDS[r.kind];
    return kind ? [{ item: r.item, kind, total: Math.abs(Number(r.total)) }] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Board (cheap: one event day through the indexes)

export async function boardVisitCounts(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<{ status: string; desk: string | null; n: number }[]> {
  return dayVisits(db, eventId, day)
    .select(['status', 'desk', sql<number>`count(*)`.as('n')])
    .groupBy(['status', 'desk'])
    .execute();
}

/** Minutes from arrival to first call, averaged over the day's called visits (null: none). */
export async function boardAverageWait(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<number | null> {
  const row = await dayVisits(db, eventId, day)
    .select(
      sql<number | null>`avg((julianday(called_at) - julianday(arrived_at)) * 1440.0)`.as(
        'minutes',
      ),
    )
    .where('called_at', 'is not', null)
    .executeTakeFirst();
  return row?.minutes ?? null;
}

/** The visit each desk is serving now (called or serving), latest call first. */
export async function boardServingByDesk(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<{ desk: string; number: string; called_at: string | null }[]> {
  const rows = await dayVisits(db, eventId, day)
    .select(['desk', 'number', 'called_at'])
    .where('status', 'in', ['called', 'serving'])
    .where('desk', 'is not', null)
    .orderBy('called_at', 'desc')
    .execute();
  return rows.map((r) => ({ desk: r.desk as string, number: r.number, called_at: r.called_at }));
}

/** Desks that called anyone today (a desk with no served visit yet still shows). */
export async function boardCallingDesks(
  db: Kysely<Database>,
  eventId: string,
  day: string,
): Promise<string[]> {
  const rows = await dayCalls(db, eventId, day).select('c.desk').distinct().execute();
  return rows.map((r) => r.desk);
}

/** The whole event's services by code and status (targets are for the event). */
export async function boardServiceCounts(
  db: Kysely<Database>,
  eventId: string,
): Promise<{ service_code: string; status: string; n: number }[]> {
  return db
    .selectFrom('outreach_visit_services as s')
    .innerJoin('outreach_visits as v', 'v.id', 's.visit_id')
    .select(['s.service_code', 's.status', sql<number>`count(*)`.as('n')])
    .where('v.event_id', '=', eventId)
    .groupBy(['s.service_code', 's.status'])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Report

export interface ReportVisitRow {
  id: string;
  day: string;
  number: string;
  status: string;
  arrived_at: string;
  called_at: string | null;
  finished_at: string | null;
}

export async function reportVisits(
  db: Kysely<Database>,
  eventId: string,
  day: string | null,
): Promise<ReportVisitRow[]> {
  let query = db
    .selectFrom('outreach_visits')
    .select(['id', 'day', 'number', 'status', 'arrived_at', 'called_at', 'finished_at'])
    .where('event_id', '=', eventId);
  if (day !== null) query = query.where('day', '=', day);
  return query.orderBy('day').orderBy('number').execute();
}

export interface ReportServiceRow {
  visit_id: string;
  service_code: string;
  status: string;
  subject_sex: string | null;
  subject_birth_date: string | null;
  reason: string | null;
  finished_at: string | null;
  /** The linked recording's birth date and status (null without a recording). */
  recording_birth_date: string | null;
  recording_status: string | null;
}

export async function reportServices(
  db: Kysely<Database>,
  eventId: string,
  day: string | null,
): Promise<ReportServiceRow[]> {
  let query = db
    .selectFrom('outreach_visit_services as s')
    .innerJoin('outreach_visits as v', 'v.id', 's.visit_id')
    .leftJoin('recordings as r', 'r.id', 's.recording_id')
    .select([
      's.visit_id',
      's.service_code',
      's.status',
      's.subject_sex',
      's.subject_birth_date',
      's.reason',
      's.finished_at',
      'r.birth_date as recording_birth_date',
      'r.status as recording_status',
    ])
    .where('v.event_id', '=', eventId);
  if (day !== null) query = query.where('v.day', '=', day);
  return query.orderBy('v.day').orderBy('v.number').orderBy('s.position').execute();
}

/** Printed copies (not drafts) made in [from, to). */
export async function printsBetween(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<number> {
  const row = await db
    .selectFrom('print_log')
    .select(sql<number>`count(*)`.as('n'))
    .where('at', '>=', from)
    .where('at', '<', to)
    .where('is_draft', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Confirmed reports

export interface ReportListRow {
  id: string;
  event_id: string;
  scope: string;
  figures: string;
  pdf_sha256: string;
  confirmed_by: string;
  confirmed_at: string;
  outbox_id: string | null;
  packet_id: string | null;
}

/** The event's confirmed reports, oldest first (their order gives each scope's versions). */
export async function listOutreachReports(
  db: Kysely<Database>,
  eventId: string,
): Promise<ReportListRow[]> {
  return db
    .selectFrom('outreach_reports as r')
    .leftJoin('outbox as o', 'o.id', 'r.outbox_id')
    .select([
      'r.id',
      'r.event_id',
      'r.scope',
      'r.figures',
      'r.pdf_sha256',
      'r.confirmed_by',
      'r.confirmed_at',
      'r.outbox_id',
      'o.packet_id',
    ])
    .where('r.event_id', '=', eventId)
    .orderBy('r.confirmed_at')
    .orderBy('r.id')
    .execute();
}

export async function countOutreachReports(
  db: Kysely<Database>,
  eventId: string,
  scope: string,
): Promise<number> {
  const row = await db
    .selectFrom('outreach_reports')
    .select(sql<number>`count(*)`.as('n'))
    .where('event_id', '=', eventId)
    .where('scope', '=', scope)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertOutreachReport(
  db: Kysely<Database>,
  row: OutreachReportRow,
): Promise<void> {
  await db.insertInto('outreach_reports').values(row).execute();
}

/** A confirmed report's PDF bytes (the packet builder's attachment), null if unknown. */
export async function outreachReportPdf(
  db: Kysely<Database>,
  reportId: string,
): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('outreach_reports')
    .select('pdf')
    .where('id', '=', reportId)
    .executeTakeFirst();
  return row ? row.pdf : null;
}
