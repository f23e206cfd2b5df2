import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// KTP-el recording, blanks stock and the hardware check (issue 6; docs/ktp-recording.md):
// - recordings: one perekaman (portrait, signature, the biometrics record, handover), status
//   direkam → terkirim → prr | duplicate → dicetak → diserahkan (domain §5.4).
// - recording_events: every status change with who, when and where it came from.
// - stock_movements: blanks and ribbon received, used (by a print run), spoiled, adjusted, per
//   unit; the level is the sum (no stored counter that could drift from its history).
// - hardware_checks: each check before a trip, with its printable sheet.
// - print_log.subject_type gains 'recording' (the KTP-el card); SQLite cannot change a check
//   constraint in place, so the table is rebuilt with its rows, ids and indexes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table recordings (
      id text primary key,
      subject_type text not null check (subject_type in ('resident', 'application')),
      resident_nik text check (resident_nik is null or length(resident_nik) = 16),
      application_id text references applications (id),
      name text not null,
      birth_date text not null,
      citizenship text not null check (citizenship in ('WNI', 'WNA')),
      is_pemula integer not null check (is_pemula in (0, 1)),
      status text not null
        check (status in ('direkam', 'terkirim', 'prr', 'duplicate', 'dicetak', 'diserahkan')),
      background text not null check (background in ('red', 'blue', 'orange')),
      measured_background text check (measured_background in ('red', 'blue', 'orange')),
      portrait_jpeg blob not null check (length(portrait_jpeg) between 1 and 2097152),
      portrait_sha256 text not null check (length(portrait_sha256) = 64),
      portrait_checks text not null,
      override_reason text,
      signature_strokes text not null,
      signature_png blob not null check (length(signature_png) between 1 and 1048576),
      fingerprints_done integer not null check (fingerprints_done in (0, 1)),
      iris_done integer not null check (iris_done in (0, 1)),
      biometrics_by text not null,
      biometrics_at text not null,
      recorded_by_user_id text,
      recorded_by text not null,
      recorded_at text not null,
      updated_at text not null,
      card_uid text check (card_uid is null or (card_uid = upper(card_uid) and length(card_uid) in (8, 14, 20))),
      recipient_name text,
      recipient_relation text check (recipient_relation in ('sendiri', 'keluarga', 'kuasa')),
      handed_at text,
      handed_by text,
      check (subject_type = 'resident' and resident_nik is not null
        or subject_type = 'application' and application_id is not null)
    ) without rowid`.execute(db);
  await sql`create index recordings_status on recordings (status, updated_at)`.execute(db);
  await sql`create index recordings_nik on recordings (resident_nik)`.execute(db);

  await sql`
    create table recording_events (
      seq integer primary key,
      recording_id text not null references recordings (id),
      status text not null,
      at text not null,
      actor_user_id text,
      actor_name text not null,
      source text not null check (source in ('station', 'district', 'training')),
      note text
    )`.execute(db);
  await sql`create index recording_events_recording on recording_events (recording_id, seq)`.execute(
    db,
  );

  await sql`
    create table stock_movements (
      seq integer primary key,
      id text not null unique,
      unit_id text not null,
      item text not null check (item in ('blanko-ktp-el', 'blanko-kia', 'ribbon')),
      kind text not null check (kind in ('received', 'used', 'spoiled', 'adjusted')),
      delta integer not null check (delta <> 0 and (kind = 'adjusted'
        or kind = 'received' and delta > 0 or kind in ('used', 'spoiled') and delta < 0)),
      note text,
      print_run_id text,
      at text not null,
      user_id text,
      user_name text not null
    )`.execute(db);
  await sql`create index stock_movements_item on stock_movements (unit_id, item, seq)`.execute(db);

  await sql`
    create table hardware_checks (
      id text primary key,
      at text not null,
      user_id text,
      user_name text not null,
      passed integer not null check (passed in (0, 1)),
      lines text not null,
      sheet_pdf blob not null
    ) without rowid`.execute(db);

  await sql`
    create table print_log_new (
      seq integer primary key,
      id text not null unique,
      run_id text not null,
      at text not null,
      user_id text,
      user_name text not null,
      kind text not null,
      subject_type text not null check (subject_type in ('application', 'kk', 'resident', 'recording')),
      subject_key text not null,
      subject_label text not null,
      application_id text,
      service_code text,
      copy_number integer not null check (copy_number >= 1),
      is_draft integer not null check (is_draft in (0, 1)),
      is_reprint integer not null check (is_reprint in (0, 1)),
      reprint_reason text check (is_reprint = 0 or length(trim(reprint_reason)) >= 5),
      printer_name text,
      is_printed integer not null check (is_printed in (0, 1)),
      unique (kind, subject_type, subject_key, copy_number)
    )`.execute(db);
  await sql`insert into print_log_new select * from print_log`.execute(db);
  await sql`drop table print_log`.execute(db);
  await sql`alter table print_log_new rename to print_log`.execute(db);
  await sql`create index print_log_at on print_log (at)`.execute(db);
  await sql`create index print_log_application on print_log (application_id)`.execute(db);
}
