import type { Insertable, Kysely, Selectable } from 'kysely';
import type { HubDatabase, HubOutreachEventsTable } from '../hub-schema';

/** Outreach event reports at the hub (issue 16; electron/hub/office/report-outreach.ts). */

export type HubOutreachEventRow = Selectable<HubOutreachEventsTable> & {
  station_name: string | null;
};

/** Stores one confirmed version; a record that arrives again changes nothing. */
export async function insertOutreachEvent(
  db: Kysely<HubDatabase>,
  row: Insertable<HubOutreachEventsTable>,
): Promise<void> {
  await db
    .insertInto('outreach_events')
    .values(row)
    .onConflict((oc) => oc.columns(['unit_id', 'report_id']).doNothing())
    .execute();
}

/** Every version, newest confirmation first, with the station's name. */
export async function listOutreachEvents(
  db: Kysely<HubDatabase>,
  limit: number,
): Promise<HubOutreachEventRow[]> {
  const rows = await db
    .selectFrom('outreach_events as o')
    .leftJoin('stations as s', 's.unit_id', 'o.unit_id')
    .selectAll('o')
    .select('s.name as station_name')
    .orderBy('o.confirmed_at', 'desc')
    .orderBy('o.report_id', 'desc')
    .limit(limit)
    .execute();
  // PostgreSQL answers bigint as text.
  return rows.map((r) => ({ ...r, pdf_size: Number(r.pdf_size), version: Number(r.version) }));
}

export async function outreachEventReport(
  db: Kysely<HubDatabase>,
  unitId: string,
  reportId: string,
): Promise<Selectable<HubOutreachEventsTable> | null> {
  return (
    (await db
      .selectFrom('outreach_events')
      .selectAll()
      .where('unit_id', '=', unitId)
      .where('report_id', '=', reportId)
      .executeTakeFirst()) ?? null
  );
}

/**
 * A report's PDF: the attachment with this hash, only if it came in a packet of the same station
 * and was sent as a PDF (a record cannot point at another station's photo).
 */
export async function outreachPdfBytes(
  db: Kysely<HubDatabase>,
  unitId: string,
  sha256: string,
): Promise<Buffer | null> {
  const row = await db
    .selectFrom('attachments as a')
    .innerJoin('packets as p', 'p.packet_id', 'a.packet_id')
    .select(['a.data', 'a.file_name'])
    .where('a.sha256', '=', sha256)
    .where('p.unit_id', '=', unitId)
    .executeTakeFirst();
  if (!row || row.file_name !== `${sha256}.pdf` || !row.data) return null;
  return Buffer.from(row.data);
}
