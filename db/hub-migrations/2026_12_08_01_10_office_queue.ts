import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. The back-office work queue (issue 15 item 4): one row per application a
// station sent, projected from its records at ingest (electron/hub/office/projection.ts) and
// back-filled at hub open for records stored before this table existed. `office_status` is the
// district's own state; the claim, proposal and decision columns belong to the queue and decision
// areas. Names (village, kecamatan, service) are the ones the station's record carried: the hub
// has no region table or catalogue of its own.
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table office_applications (
      application_id text primary key,
      unit_id text not null,
      number text not null,
      service_code text not null,
      service_name text,
      channel text not null,
      applicant_nik text,
      applicant_kk text,
      applicant_name text,
      village_code text,
      village_name text,
      kecamatan_code text,
      kecamatan_name text,
      submitted_at text not null,
      station_status text not null,
      office_status text not null default 'baru'
        check (office_status in ('baru', 'diusulkan', 'dikembalikan', 'selesai', 'ditolak')),
      claimed_by text,
      claimed_by_name text,
      claimed_at text,
      proposal text check (proposal is null or proposal in ('issue', 'return', 'reject')),
      proposal_kind text,
      proposal_note text,
      proposed_by text,
      proposed_by_name text,
      proposed_at text,
      decided_at text,
      decided_by text,
      decided_by_name text,
      decision_reason text,
      document_number text,
      updated_at text not null
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  for (const column of [
    'office_status',
    'unit_id',
    'kecamatan_code',
    'village_code',
    'service_code',
    'channel',
    'submitted_at',
    'applicant_nik',
  ])
    await sql`create index ${sql.raw(`office_applications_${column}`)} on office_applications (${sql.raw(column)})`.execute(
      db,
    );
}
