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

/** Login failures and locks per account and connection source (docs/accounts.md, "Lock"). */
export interface LoginLocksTable {
  user_id: string;
  /** `ws:<address>`, `ipc` or `memory`: the source key of the failing connection. */
  source: string;
  failed_attempts: number;
  locked_until: string | null;
  /** Locks since the last success from this source; each doubles the next lock's length. */
  lock_count: number;
  updated_at: string;
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

/** A Kartu Keluarga (domain §3.2 header). */
export interface FamiliesTable {
  kk_number: string;
  /** NIK of the KEPALA KELUARGA at the last change; null while the family has no head. */
  head_nik: string | null;
  address: string;
  /** Three digits, e.g. '003'. */
  rt: string;
  rw: string;
  dusun: string | null;
  /** Kemendagri village code without dots. */
  village_code: string;
  postal_code: string | null;
  /** 'Dikeluarkan tanggal', YYYY-MM-DD. */
  issued_at: string | null;
  updated_at: string;
  /** 'import:<import id>', 'desk', 'demo'. */
  source: string;
}

/** A resident (domain §3.1 elements the app needs; codes per §3.3). */
export interface ResidentsTable {
  id: Generated<number>;
  nik: string;
  kk_number: string;
  /** NAMA_LGKP as recorded. */
  name: string;
  /** Normalized name for search (electron/core/registry/names.ts). */
  name_key: string;
  sex: 1 | 2;
  birth_place: string;
  birth_date: string;
  birth_year: number;
  religion: number;
  education: number;
  occupation: number;
  /** 1 BELUM KAWIN, 2 KAWIN, 3 CERAI HIDUP, 4 CERAI MATI. */
  marital_status: 1 | 2 | 3 | 4;
  /** 1 = TERCATAT (recorded), 0 = BELUM TERCATAT. */
  marital_recorded: 0 | 1;
  marriage_date: string | null;
  marriage_cert_no: string | null;
  divorce_date: string | null;
  divorce_cert_no: string | null;
  birth_cert_no: string | null;
  /** SHDK 1..11. */
  relationship: number;
  blood_group: number;
  /** Protected data (UU 24/2013 Ps 84); null when not recorded. */
  disability: number | null;
  citizenship: 'WNI' | 'WNA';
  passport_no: string | null;
  kitap_no: string | null;
  father_nik: string | null;
  father_name: string | null;
  mother_nik: string | null;
  mother_name: string | null;
  village_code: string;
  is_alive: Generated<0 | 1>;
  updated_at: string;
  source: string;
}

/** Which KK a resident belonged to and when; the current one has until_at null. */
export interface FamilyMembershipsTable {
  id: Generated<number>;
  nik: string;
  kk_number: string;
  relationship: number;
  from_at: string;
  until_at: string | null;
  reason: string;
}

export interface ResidentNameTokensTable {
  token: string;
  resident_id: number;
}

export type RegistryImportStatus =
  'uploading' | 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted' | 'rolling_back';

/** One import of a district extract (docs/registry-import.md). */
export interface RegistryImportsTable {
  id: string;
  file_name: string;
  size_bytes: number;
  received_bytes: Generated<number>;
  /** Encrypted staged upload under <dataDir>/imports/; null once deleted or for direct imports. */
  staged_file: string | null;
  status: RegistryImportStatus;
  created_at: string;
  created_by: string;
  started_at: string | null;
  started_by: string | null;
  finished_at: string | null;
  /** Data records committed so far: the resume point. */
  records_done: Generated<number>;
  rows_read: Generated<number>;
  rows_accepted: Generated<number>;
  rows_rejected: Generated<number>;
  rows_warned: Generated<number>;
  /** Accepted rows that inserted or changed something (0 on a re-import of the same file). */
  rows_changed: Generated<number>;
  message: string | null;
}

export interface RegistryImportRejectsTable {
  import_id: string;
  line: number;
  nik: string | null;
  code: string;
  message_id: string;
  message_en: string;
}

/** Previous values of rows an import changed, for rollback; JSON text. */
export interface RegistryImportUndoTable {
  import_id: string;
  kind: 'resident' | 'family' | 'membership';
  key: string;
  data: string;
}

/** An application (docs/kiosk-applications.md); officer states are added by later issues. */
export interface ApplicationsTable {
  id: string;
  /** OKI-<unit code>-<YYYYMMDD Jakarta>-<4-digit daily sequence>. */
  number: string;
  service_code: string;
  status: string;
  applicant_nik: string | null;
  applicant_kk: string | null;
  applicant_name: string | null;
  /** JSON text: the wizard's answers by field code. */
  fields: string;
  channel: 'kiosk' | 'desk';
  created_at: string;
  unit_id: string;
  is_training: number;
}

export interface ApplicationPhotosTable {
  application_id: string;
  requirement_code: string;
  mime: 'image/jpeg';
  bytes: Uint8Array;
  sha256: string;
  width: number;
  height: number;
  taken_at: string;
}

export interface ApplicationConsentsTable {
  application_id: string;
  version: string;
  /** SHA-256 of the exact consent text shown, in the language shown. */
  text_sha256: string;
  language: 'id' | 'en';
  accepted_at: string;
}

export interface ApplicationStatusHistoryTable {
  id: Generated<number>;
  application_id: string;
  status: string;
  at: string;
  actor: string;
  note: string | null;
  /** The account behind the change; null for kiosk submissions and rows before 2026-12-02. */
  actor_user_id: string | null;
}

/** Who is working on an application now (one officer at a time). */
export interface ApplicationClaimsTable {
  application_id: string;
  user_id: string;
  user_name: string;
  claimed_at: string;
}

/** The requirement checklist: one line per requirement, the last check wins. */
export interface ApplicationChecksTable {
  application_id: string;
  requirement_code: string;
  state: 'ok' | 'bad' | 'missing';
  note: string | null;
  user_id: string | null;
  user_name: string;
  at: string;
}

/** One row per printed copy. `run_id` groups the copies of one print; `print_archive` keeps its PDF. */
export interface PrintLogTable {
  seq: Generated<number>;
  id: string;
  run_id: string;
  at: string;
  user_id: string | null;
  user_name: string;
  kind: string;
  subject_type: 'application' | 'kk' | 'resident' | 'recording';
  subject_key: string;
  subject_label: string;
  application_id: string | null;
  service_code: string | null;
  copy_number: number;
  is_draft: 0 | 1;
  is_reprint: 0 | 1;
  reprint_reason: string | null;
  printer_name: string | null;
  is_printed: 0 | 1;
}

export interface PrintArchiveTable {
  run_id: string;
  mime: 'application/pdf';
  bytes: Uint8Array;
  sha256: string;
  created_at: string;
}

/** A KTP-el chip UID bound to a resident (domain §5.5: without a SAM only the UID is readable). */
export interface CardBindingsTable {
  /** Upper-case hex: 8, 14 or 20 characters (a 4-, 7- or 10-byte ISO 14443 UID). */
  uid: string;
  resident_nik: string;
  bound_at: string;
  /** The officer's user name; null for a session without one. */
  bound_by: string | null;
  /** Set when a newer card replaced this one; a released UID identifies nobody. */
  released_at: string | null;
}

/** One KTP-el recording (perekaman); see the migration 2026_12_02_06_00 and docs/ktp-recording.md. */
export interface RecordingsTable {
  id: string;
  subject_type: 'resident' | 'application';
  resident_nik: string | null;
  application_id: string | null;
  name: string;
  birth_date: string;
  citizenship: 'WNI' | 'WNA';
  is_pemula: 0 | 1;
  status: 'direkam' | 'terkirim' | 'prr' | 'duplicate' | 'dicetak' | 'diserahkan';
  background: 'red' | 'blue' | 'orange';
  measured_background: 'red' | 'blue' | 'orange' | null;
  portrait_jpeg: Uint8Array;
  portrait_sha256: string;
  /** JSON PortraitCheck[]. */
  portrait_checks: string;
  override_reason: string | null;
  /** JSON SignatureInput without the PNG. */
  signature_strokes: string;
  signature_png: Uint8Array;
  fingerprints_done: 0 | 1;
  iris_done: 0 | 1;
  biometrics_by: string;
  biometrics_at: string;
  recorded_by_user_id: string | null;
  recorded_by: string;
  recorded_at: string;
  updated_at: string;
  card_uid: string | null;
  recipient_name: string | null;
  recipient_relation: 'sendiri' | 'keluarga' | 'kuasa' | null;
  handed_at: string | null;
  handed_by: string | null;
}

export interface RecordingEventsTable {
  seq: Generated<number>;
  recording_id: string;
  status: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string;
  source: 'station' | 'district' | 'training';
  note: string | null;
}

/** Blanks and ribbon; the level of an item is the sum of its deltas. */
export interface StockMovementsTable {
  seq: Generated<number>;
  id: string;
  unit_id: string;
  item: 'blanko-ktp-el' | 'blanko-kia' | 'ribbon';
  kind: 'received' | 'used' | 'spoiled' | 'adjusted' | 'transfer-out' | 'transfer-in';
  delta: number;
  note: string | null;
  print_run_id: string | null;
  at: string;
  user_id: string | null;
  user_name: string;
  /** Where: null = the office, else the outreach event holding the blanks (docs/outreach.md). */
  event_id: string | null;
  /** The two rows of one transfer (transfer-out and transfer-in) share it; null otherwise. */
  transfer_id: string | null;
}

export interface HardwareChecksTable {
  id: string;
  at: string;
  user_id: string | null;
  user_name: string;
  passed: 0 | 1;
  /** JSON HardwareCheckLine[]. */
  lines: string;
  sheet_pdf: Uint8Array;
}

/** A packet built from the outbox (docs/sync-packets.md); the file lives in <data>/outgoing/. */
export interface SyncPacketsTable {
  id: string;
  from_seq: number;
  to_seq: number;
  record_count: number;
  attachment_count: number;
  file_name: string;
  sha256: string;
  size: number;
  state: 'ready' | 'receipted';
  built_at: string;
  uploaded_bytes: Generated<number>;
  attempts: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  usb_exported_at: string | null;
  /** JSON of the district's signed receipt. */
  receipt: string | null;
  receipted_at: string | null;
  /** The audit head this packet's manifest carried (null: built before audit anchoring). */
  audit_seq: number | null;
  audit_hash: string | null;
  /** The order in which anchored packets were built (1, 2, ...); null before anchoring. */
  built_order: number | null;
}

/** Updates pulled from the district, by the district's sequence (applied once). */
export interface DistrictUpdatesTable {
  seq: number;
  kind: string;
  subject_id: string;
  payload: string;
  created_at: string;
  applied_at: string;
  /** 'applied', or why it changed nothing here (e.g. 'unknown-subject'). */
  outcome: string;
}

/** A document the district issued: its signed data and the QR text printed on it. */
export interface IssuedDocumentsTable {
  document_number: string;
  kind: string;
  application_id: string | null;
  recording_id: string | null;
  /** JSON of the signed document (docs/sync-protocol.md, "Issued documents"). */
  signed: string;
  qr_payload: string;
  issued_at: string;
  received_at: string;
}

/** A SIAK PDF of an issued document (its sha-256 is signed into the document). */
export interface IssuedPdfsTable {
  document_number: string;
  sha256: string;
  data: Buffer;
  size: number;
  received_at: string;
}

export interface PurgedPhotosTable {
  application_id: string;
  sha256: string;
  requirement_code: string;
  purged_at: string;
}

export interface RevocationsTable {
  document_number: string;
  reason: string;
  revoked_at: string;
  received_at: string;
}

export interface OutboxRejectionsTable {
  outbox_id: string;
  packet_id: string;
  reason: string;
  at: string;
}

/** Outreach events (issue 16; migration 2026_12_08_10_00_outreach). JSON columns hold arrays. */
export interface OutreachEventsTable {
  id: string;
  unit_id: string;
  name: string;
  /** JSON array of 10-digit village codes. */
  village_codes: string;
  kecamatan_code: string;
  /** JSON array of YYYY-MM-DD. */
  days: string;
  venue: string;
  status: 'planned' | 'running' | 'closed';
  is_training: number;
  created_at: string;
  created_by: string;
  started_at: string | null;
  started_by: string | null;
  start_override_reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
}

export interface OutreachTeamTable {
  event_id: string;
  user_id: string;
  task: 'ketua' | 'perekaman' | 'verifikasi' | 'cetak' | 'antrean';
}

export interface OutreachServicesTable {
  event_id: string;
  service_code: string;
  target: number;
  position: number;
}

export interface OutreachReadinessTable {
  event_id: string;
  item: string;
  state: 'passed' | 'failed' | 'confirm';
  /** JSON {id, en}. */
  detail: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  checked_at: string;
}

export interface OutreachVisitsTable {
  id: string;
  event_id: string;
  day: string;
  number: string;
  name: string;
  nik: string | null;
  status: 'waiting' | 'called' | 'serving' | 'done' | 'left';
  desk: string | null;
  arrived_at: string;
  arrived_by: string;
  called_at: string | null;
  finished_at: string | null;
}

export interface OutreachVisitServicesTable {
  id: string;
  visit_id: string;
  position: number;
  service_code: string;
  subject_name: string;
  subject_nik: string | null;
  subject_sex: 'L' | 'P' | null;
  subject_birth_date: string | null;
  status: 'waiting' | 'in-progress' | 'done' | 'follow-up' | 'cancelled';
  application_id: string | null;
  recording_id: string | null;
  reason: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface OutreachCallsTable {
  seq: Generated<number>;
  visit_id: string;
  desk: string;
  at: string;
  is_repeat: number;
}

export interface OutreachReportsTable {
  id: string;
  event_id: string;
  scope: string;
  /** JSON OutreachReportFigures. */
  figures: string;
  pdf: Uint8Array;
  pdf_sha256: string;
  confirmed_by: string;
  confirmed_at: string;
  outbox_id: string | null;
}

/** Browsers paired over the LAN (docs/lan.md); only the token's hash is kept. */
export interface LanDevicesTable {
  id: string;
  kind: 'desk' | 'display';
  desk: string | null;
  label: string;
  token_hash: string;
  paired_at: string;
  paired_by: string;
  removed_at: string | null;
  removed_by: string | null;
  last_seen_at: string | null;
}

export interface LanPairingOffersTable {
  code_hash: string;
  kind: 'desk' | 'display';
  desk: string | null;
  label: string;
  created_at: string;
  created_by: string;
  expires_at: string;
  used_at: string | null;
}

export interface Database {
  unit: UnitTable;
  settings: SettingsTable;
  users: UsersTable;
  login_locks: LoginLocksTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  sequences: SequencesTable;
  queue_tickets: QueueTicketsTable;
  regions: RegionsTable;
  region_versions: RegionVersionsTable;
  families: FamiliesTable;
  residents: ResidentsTable;
  family_memberships: FamilyMembershipsTable;
  resident_name_tokens: ResidentNameTokensTable;
  registry_imports: RegistryImportsTable;
  registry_import_rejects: RegistryImportRejectsTable;
  registry_import_undo: RegistryImportUndoTable;
  applications: ApplicationsTable;
  application_photos: ApplicationPhotosTable;
  application_consents: ApplicationConsentsTable;
  application_status_history: ApplicationStatusHistoryTable;
  card_bindings: CardBindingsTable;
  application_claims: ApplicationClaimsTable;
  application_checks: ApplicationChecksTable;
  print_log: PrintLogTable;
  print_archive: PrintArchiveTable;
  recordings: RecordingsTable;
  recording_events: RecordingEventsTable;
  stock_movements: StockMovementsTable;
  hardware_checks: HardwareChecksTable;
  sync_packets: SyncPacketsTable;
  outbox_rejections: OutboxRejectionsTable;
  district_updates: DistrictUpdatesTable;
  issued_documents: IssuedDocumentsTable;
  issued_pdfs: IssuedPdfsTable;
  revocations: RevocationsTable;
  purged_photos: PurgedPhotosTable;
  outreach_events: OutreachEventsTable;
  outreach_team: OutreachTeamTable;
  outreach_services: OutreachServicesTable;
  outreach_readiness: OutreachReadinessTable;
  outreach_visits: OutreachVisitsTable;
  outreach_visit_services: OutreachVisitServicesTable;
  outreach_calls: OutreachCallsTable;
  outreach_reports: OutreachReportsTable;
  lan_devices: LanDevicesTable;
  lan_pairing_offers: LanPairingOffersTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type QueueTicketRow = Selectable<QueueTicketsTable>;
export type UserRow = Selectable<UsersTable>;
export type LoginLockRow = Selectable<LoginLocksTable>;
export type RegionRow = Selectable<RegionsTable>;
export type RegionVersionRow = Selectable<RegionVersionsTable>;
export type FamilyRow = Selectable<FamiliesTable>;
export type ResidentRow = Selectable<ResidentsTable>;
export type NewResident = Insertable<ResidentsTable>;
export type FamilyMembershipRow = Selectable<FamilyMembershipsTable>;
export type RegistryImportRow = Selectable<RegistryImportsTable>;
export type RegistryImportRejectRow = Selectable<RegistryImportRejectsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplication = Insertable<ApplicationsTable>;
export type NewApplicationPhoto = Insertable<ApplicationPhotosTable>;
export type NewApplicationConsent = Insertable<ApplicationConsentsTable>;
export type ApplicationStatusRow = Selectable<ApplicationStatusHistoryTable>;
export type CardBindingRow = Selectable<CardBindingsTable>;
export type ApplicationClaimRow = Selectable<ApplicationClaimsTable>;
export type ApplicationCheckRow = Selectable<ApplicationChecksTable>;
export type PrintLogRow = Selectable<PrintLogTable>;
export type NewPrintLog = Insertable<PrintLogTable>;
