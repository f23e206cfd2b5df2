import { sql, type Kysely } from 'kysely';

// Frozen once landed. Migrations never import application code.
// Jelades Semedi outreach events (issue 16; docs/outreach.md) and the browsers paired over the
// LAN (docs/lan.md). Names, NIKs and visits live in the encrypted station database only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outreach_events (
      id text primary key,
      unit_id text not null,
      name text not null,
      village_codes text not null,
      kecamatan_code text not null,
      days text not null,
      venue text not null,
      status text not null check (status in ('planned', 'running', 'closed')),
      is_training integer not null check (is_training in (0, 1)),
      created_at text not null,
      created_by text not null,
      started_at text,
      started_by text,
      start_override_reason text,
      closed_at text,
      closed_by text
    )`.execute(db);
  // At most one running event per station (unit): the database says so too.
  await sql`create unique index outreach_events_one_running on outreach_events (unit_id) where status = 'running'`.execute(
    db,
  );
  await sql`
    create table outreach_team (
      event_id text not null references outreach_events (id),
      user_id text not null,
      task text not null check (task in ('ketua', 'perekaman', 'verifikasi', 'cetak', 'antrean')),
      primary key (event_id, user_id)
    )`.execute(db);
  await sql`
    create table outreach_services (
      event_id text not null references outreach_events (id),
      service_code text not null,
      target integer not null check (target >= 0),
      position integer not null,
      primary key (event_id, service_code)
    )`.execute(db);
  await sql`
    create table outreach_readiness (
      event_id text not null references outreach_events (id),
      item text not null,
      state text not null check (state in ('passed', 'failed', 'confirm')),
      detail text not null,
      confirmed_by text,
      confirmed_at text,
      checked_at text not null,
      primary key (event_id, item)
    )`.execute(db);
  // The event's own stock is not a table of its own: it is the stock_movements rows carrying the
  // event's id (migration 2026_12_08_10_10_stock_transfer; docs/outreach.md, "Stock").
  await sql`
    create table outreach_visits (
      id text primary key,
      event_id text not null references outreach_events (id),
      day text not null,
      number text not null,
      name text not null,
      nik text,
      status text not null check (status in ('waiting', 'called', 'serving', 'done', 'left')),
      desk text,
      arrived_at text not null,
      arrived_by text not null,
      called_at text,
      finished_at text,
      unique (event_id, day, number)
    )`.execute(db);
  await sql`create index outreach_visits_status on outreach_visits (event_id, status, arrived_at)`.execute(
    db,
  );
  await sql`
    create table outreach_visit_services (
      id text primary key,
      visit_id text not null references outreach_visits (id),
      position integer not null,
      service_code text not null,
      subject_name text not null,
      subject_nik text,
      subject_sex text check (subject_sex in ('L', 'P')),
      subject_birth_date text,
      status text not null check (status in ('waiting', 'in-progress', 'done', 'follow-up', 'cancelled')),
      application_id text,
      recording_id text,
      reason text,
      started_at text,
      finished_at text
    )`.execute(db);
  await sql`create index outreach_visit_services_visit on outreach_visit_services (visit_id, position)`.execute(
    db,
  );
  // An application or recording belongs to one service of one visit (docs/outreach-visits.md).
  await sql`create unique index outreach_visit_services_application on outreach_visit_services (application_id)
    where application_id is not null`.execute(db);
  await sql`create unique index outreach_visit_services_recording on outreach_visit_services (recording_id)
    where recording_id is not null`.execute(db);
  await sql`
    create table outreach_calls (
      seq integer primary key autoincrement,
      visit_id text not null references outreach_visits (id),
      desk text not null,
      at text not null,
      is_repeat integer not null check (is_repeat in (0, 1))
    )`.execute(db);
  await sql`create index outreach_calls_visit on outreach_calls (visit_id, seq)`.execute(db);
  await sql`
    create table outreach_reports (
      id text primary key,
      event_id text not null references outreach_events (id),
      scope text not null,
      figures text not null,
      pdf blob not null,
      pdf_sha256 text not null check (length(pdf_sha256) = 64),
      confirmed_by text not null,
      confirmed_at text not null,
      outbox_id text
    )`.execute(db);
  await sql`create index outreach_reports_event on outreach_reports (event_id, scope, confirmed_at)`.execute(
    db,
  );
  // Browsers paired over the LAN: only the hash of their token is kept.
  await sql`
    create table lan_devices (
      id text primary key,
      kind text not null check (kind in ('desk', 'display')),
      desk text,
      label text not null,
      token_hash text not null unique,
      paired_at text not null,
      paired_by text not null,
      removed_at text,
      removed_by text,
      last_seen_at text
    )`.execute(db);
  await sql`
    create table lan_pairing_offers (
      code_hash text primary key,
      kind text not null check (kind in ('desk', 'display')),
      desk text,
      label text not null,
      created_at text not null,
      created_by text not null,
      expires_at text not null,
      used_at text
    )`.execute(db);
}
