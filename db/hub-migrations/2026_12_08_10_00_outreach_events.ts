import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. Outreach events' reports at the district (issue 16; docs/outreach-report.md):
// one row per confirmed report version a station sent as an `outreach-event` record, projected at
// ingest (electron/hub/office/report-outreach.ts). Counts only: no visitor's name or NIK. The PDF
// stays in `attachments` under its sha256. No back-fill: the record kind is new with this table.
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table outreach_events (
      unit_id text not null,
      report_id text not null,
      event_id text not null,
      scope text not null,
      version integer not null check (version >= 1),
      title text not null,
      venue text not null,
      villages text not null,
      kecamatan_code text not null,
      kecamatan_title text not null,
      days text not null,
      is_training integer not null check (is_training in (0, 1)),
      visitors integer not null,
      people_served integer not null,
      services_asked integer not null,
      same_day integer not null,
      figures text not null,
      pdf_sha256 text not null,
      pdf_size ${sql.raw(p.bigint)} not null,
      confirmed_by text not null,
      confirmed_at text not null,
      received_at text not null,
      primary key (unit_id, report_id)
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`create index outreach_events_event on outreach_events (unit_id, event_id, scope, version)`.execute(
    db,
  );
  await sql`create index outreach_events_confirmed on outreach_events (confirmed_at)`.execute(db);
}
