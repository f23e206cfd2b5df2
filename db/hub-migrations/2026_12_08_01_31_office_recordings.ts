import { sql, type Kysely } from 'kysely';
import { portable } from '../portable';

// Frozen once landed. KTP-el recordings at the back-office (issue 15 item 6): one row per
// recording a station sent, projected at ingest from its records (electron/hub/office/
// recordings.ts) with the district's de-duplication outcome (prr | duplicate) beside the
// station's own status. `status` is what the list filters on. Filled here from the records and
// updates stored before this table existed (the projection rules as they were at this migration).
export async function up(db: Kysely<unknown>): Promise<void> {
  const p = portable(db);
  await sql`
    create table office_recordings (
      recording_id text primary key,
      unit_id text not null,
      nik text,
      name text,
      recorded_at text,
      is_first_time integer check (is_first_time is null or is_first_time in (0, 1)),
      station_status text not null,
      station_seq ${sql.raw(p.bigint)} not null,
      decision text check (decision is null or decision in ('prr', 'duplicate')),
      decision_note text,
      decided_at text,
      decided_by text,
      status text not null,
      updated_at text not null
    ) ${sql.raw(p.withoutRowid)}`.execute(db);
  await sql`create index office_recordings_status on office_recordings (status, recorded_at)`.execute(
    db,
  );
  await sql`create index office_recordings_unit on office_recordings (unit_id, status, recorded_at)`.execute(
    db,
  );
  await sql`create index office_recordings_recorded on office_recordings (recorded_at)`.execute(db);
  await sql`create index office_recordings_nik on office_recordings (nik)`.execute(db);
  await backfill(db);
}

interface Row {
  recording_id: string;
  unit_id: string;
  nik: string | null;
  name: string | null;
  recorded_at: string | null;
  is_first_time: number | null;
  station_status: string;
  station_seq: number;
  decision: string | null;
  decision_note: string | null;
  decided_at: string | null;
  status: string;
}

const RANK: Record<string, number> = {
  direkam: 0,
  terkirim: 1,
  prr: 2,
  duplicate: 2,
  dicetak: 3,
  diserahkan: 4,
};

function statusOf(row: Row): string {
  if ((RANK[row.station_status] ?? 0) >= 3) return row.station_status;
  if (row.decision) return row.decision;
  if (row.station_status === 'prr' || row.station_status === 'duplicate') return row.station_status;
  return 'terkirim';
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

async function backfill(db: Kysely<unknown>): Promise<void> {
  const rows = new Map<string, Row>();
  let after = { id: '', seq: -1 };
  for (;;) {
    const page = await sql<{ aggregate_id: string; unit_id: string; seq: number; data: string }>`
      select aggregate_id, unit_id, seq, data from records
      where aggregate = 'recording'
        and (aggregate_id > ${after.id} or (aggregate_id = ${after.id} and seq > ${after.seq}))
      order by aggregate_id, seq
      limit 2000`.execute(db);
    if (page.rows.length === 0) break;
    for (const record of page.rows) {
      const seq = Number(record.seq);
      after = { id: record.aggregate_id, seq };
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(record.data) as Record<string, unknown>;
      } catch {
        continue;
      }
      const row: Row = rows.get(record.aggregate_id) ?? {
        recording_id: record.aggregate_id,
        unit_id: record.unit_id,
        nik: null,
        name: null,
        recorded_at: null,
        is_first_time: null,
        station_status: 'direkam',
        station_seq: seq,
        decision: null,
        decision_note: null,
        decided_at: null,
        status: 'terkirim',
      };
      if (data.event === 'created') {
        row.name = text(data.NAMA_LGKP) ?? row.name;
        row.recorded_at = text(data.TGL_REKAM) ?? row.recorded_at;
        row.is_first_time = typeof data.IS_PEMULA === 'boolean' ? Number(data.IS_PEMULA) : null;
      }
      row.nik = text(data.NIK) ?? row.nik;
      if (seq >= row.station_seq) {
        row.station_seq = seq;
        row.station_status = text(data.STATUS_REKAM) ?? row.station_status;
      }
      rows.set(record.aggregate_id, row);
    }
  }
  if (rows.size === 0) return;
  let afterSeq = 0;
  for (;;) {
    const page = await sql<{
      seq: number;
      subject_id: string;
      payload: string;
      created_at: string;
    }>`
      select seq, subject_id, payload, created_at from updates
      where kind = 'recording-status' and seq > ${afterSeq}
      order by seq
      limit 2000`.execute(db);
    if (page.rows.length === 0) break;
    for (const update of page.rows) {
      afterSeq = Number(update.seq);
      const row = rows.get(update.subject_id);
      let payload: { status?: unknown; note?: unknown };
      try {
        payload = JSON.parse(update.payload) as typeof payload;
      } catch {
        continue;
      }
      if (!row || row.decision || (payload.status !== 'prr' && payload.status !== 'duplicate'))
        continue;
      row.decision = payload.status;
      row.decision_note = text(payload.note);
      row.decided_at = update.created_at;
    }
  }
  const at = new Date().toISOString();
  const values = [...rows.values()].map((row) => ({ ...row, status: statusOf(row) }));
  for (let i = 0; i < values.length; i += 200) {
    const batch = values.slice(i, i + 200);
    await sql`
      insert into office_recordings (recording_id, unit_id, nik, name, recorded_at, is_first_time,
        station_status, station_seq, decision, decision_note, decided_at, decided_by, status, updated_at)
      values ${sql.join(
        batch.map(
          (r) =>
            sql`(${r.recording_id}, ${r.unit_id}, ${r.nik}, ${r.name}, ${r.recorded_at}, ${r.is_first_time},
              ${r.station_status}, ${r.station_seq}, ${r.decision}, ${r.decision_note}, ${r.decided_at},
              ${r.decision ? 'Disdukcapil' : null}, ${r.status}, ${at})`,
        ),
      )}`.execute(db);
  }
}
