import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** One row: the identity of this station (unit). */
export interface UnitTable {
  singleton: ColumnType<1, 1 | undefined, never>;
  unit_id: string;
  name: string;
  /** Kemendagri village code without dots. */
  region_code: string;
  region_name: string;
  district_name: string;
  regency_name: string;
  is_training: number;
  start_mode: 'kiosk' | 'officer';
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: 'operator' | 'supervisor' | 'admin';
  /** scrypt, `scrypt$N$r$p$salt$hash`; null until the officer sets a PIN. */
  pin_hash: string | null;
  is_active: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  /** HMAC-SHA256 of the NIK the entry is about; the NIK itself is never stored here. */
  subject_hash: string | null;
  /** JSON text. */
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  seq: Generated<number>;
  id: string;
  aggregate: string;
  aggregate_id: string;
  op: 'upsert' | 'delete';
  /** JSON text. */
  payload: string;
  created_at: string;
  exported_at: string | null;
  packet_id: string | null;
}

export interface SequencesTable {
  name: string;
  value: number;
}

export interface QueueTicketsTable {
  id: string;
  number: string;
  service_code: string;
  /** Local calendar day (Asia/Jakarta), YYYY-MM-DD. */
  day: string;
  issued_at: string;
  status: 'waiting' | 'called' | 'done';
}

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';
export type VillageKind = 'kelurahan' | 'desa' | 'desa_adat';

/** Kemendagri region codes without dots; closed (never deleted) when a newer table drops them. */
export interface RegionsTable {
  code: string;
  level: RegionLevel;
  parent_code: string | null;
  name: string;
  /** Villages only, from the first of the last 4 digits (1, 2, 3); null for other levels. */
  kind: VillageKind | null;
  valid_from_version: string;
  valid_until_version: string | null;
}

export interface RegionVersionsTable {
  /** E.g. 'Kepmendagri 300.2.2-2138/2025'. */
  version: string;
  /** E.g. 'idn-area-data 4.0.1 (ODbL 1.0)'. */
  source: string;
  loaded_at: string;
  row_count: number;
}

export interface Database {
  unit: UnitTable;
  settings: SettingsTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  sequences: SequencesTable;
  queue_tickets: QueueTicketsTable;
  regions: RegionsTable;
  region_versions: RegionVersionsTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type QueueTicketRow = Selectable<QueueTicketsTable>;
export type UserRow = Selectable<UsersTable>;
export type RegionRow = Selectable<RegionsTable>;
export type RegionVersionRow = Selectable<RegionVersionsTable>;
