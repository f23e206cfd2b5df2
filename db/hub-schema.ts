import type { Generated, Selectable } from 'kysely';

/**
 * The district hub's own database (electron/hub; docs/sync-protocol.md). Separate from the
 * station's schema: a hub never opens a station database and the other way round.
 */
export interface HubStationsTable {
  unit_id: string;
  unit_code: string;
  name: string;
  region_code: string;
  /** base64 of the 32 raw Ed25519 public bytes. */
  signing_key: string;
  /** base64 of the 32 raw X25519 public bytes. */
  encryption_key: string;
  enrolled_at: string;
  revoked_at: string | null;
  /** Why the key was revoked (back-office stations-revoke). */
  revoke_reason: string | null;
}

export interface HubPacketsTable {
  packet_id: string;
  unit_id: string;
  sha256: string;
  size: number;
  state: 'receiving' | 'committed';
  channel: 'http' | 'usb';
  received_bytes: number;
  announced_at: string;
  committed_at: string | null;
  /** JSON of the signed receipt, once committed. */
  receipt: string | null;
  file_name: string | null;
}

/** Exactly-once: one row per station outbox id, whichever packet brought it first. */
export interface HubRecordsTable {
  outbox_id: string;
  packet_id: string;
  unit_id: string;
  seq: number;
  aggregate: string;
  aggregate_id: string;
  op: string;
  at: string;
  /** JSON of the record's data. */
  data: string;
  received_at: string;
}

export interface HubAttachmentsTable {
  sha256: string;
  size: number;
  file_name: string;
  packet_id: string;
  /** The photo's bytes (in the encrypted database; null only before hub.ts moved an old file in). */
  data: Buffer | null;
}

/** Packets refused at commit or import: metadata only, nothing of their content is kept. */
export interface HubRefusalsTable {
  id: Generated<number>;
  packet_id: string;
  unit_id: string | null;
  reason: string;
  message: string;
  channel: 'http' | 'usb';
  at: string;
}

/** What stations pull: status changes, issued documents, revocations, per unit, in order. */
export interface HubUpdatesTable {
  seq: Generated<number>;
  /** null = for every station (revocations). */
  unit_id: string | null;
  kind: 'application-status' | 'recording-status' | 'issued-document' | 'revocation';
  subject_id: string;
  payload: string;
  created_at: string;
}

export interface HubDocumentsTable {
  document_number: string;
  unit_id: string;
  kind: string;
  subject_id: string;
  /** JSON of the signed document (data + district signature). */
  signed: string;
  issued_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

export interface HubSettingsTable {
  key: string;
  value: string;
}

/** Nonces of signed requests seen while their time is inside the clock window (pruned). */
export interface HubRequestNoncesTable {
  unit_id: string;
  nonce: string;
  /** The request's signed time (ISO); rows older than the window are deleted. */
  at: string;
}

/**
 * The audit head each packet's manifest carried (issue 13 finding 1.8), with what the manifest
 * restated for the station's previous packet's anchor; `flag` names a failed check.
 */
export interface HubAuditAnchorsTable {
  packet_id: string;
  unit_id: string;
  seq: number;
  hash: string;
  /** 1 when the station's chain verified from its first entry when the packet was built. */
  is_intact: number;
  prev_packet_id: string | null;
  prev_seq: number | null;
  /** The hash the station found at prev_seq when building; null: no such entry any more. */
  prev_hash: string | null;
  /** The manifest's createdAt (the station's clock). */
  created_at: string;
  received_at: string;
  flag: string | null;
  flag_message: string | null;
}

export interface HubDatabase {
  stations: HubStationsTable;
  packets: HubPacketsTable;
  records: HubRecordsTable;
  attachments: HubAttachmentsTable;
  refusals: HubRefusalsTable;
  updates: HubUpdatesTable;
  documents: HubDocumentsTable;
  settings: HubSettingsTable;
  request_nonces: HubRequestNoncesTable;
  usb_cursors: HubUsbCursorsTable;
  audit_anchors: HubAuditAnchorsTable;
  office_users: OfficeUsersTable;
  office_sessions: OfficeSessionsTable;
  office_audit: OfficeAuditTable;
  office_audit_head: OfficeAuditHeadTable;
  office_rate_limits: OfficeRateLimitsTable;
  office_applications: OfficeApplicationsTable;
  office_line_marks: OfficeLineMarksTable;
  office_document_pdfs: OfficeDocumentPdfsTable;
  office_numbering: OfficeNumberingTable;
  office_number_counters: OfficeNumberCountersTable;
  station_health: StationHealthTable;
  office_recordings: OfficeRecordingsTable;
  outreach_events: HubOutreachEventsTable;
}

/**
 * The latest health each station reported in a packet manifest (docs/sync-packets.md, "Station
 * health"), and the hub's times of its last packet and last signed request.
 */
export interface StationHealthTable {
  unit_id: string;
  /** The hub's time of the station's last signed request or packet (last contact). */
  last_contact_at: string | null;
  last_packet_id: string | null;
  /** The hub's time the last packet was committed. */
  last_packet_at: string | null;
  last_packet_channel: 'http' | 'usb' | null;
  /** The outbox toSeq of the packet whose health is kept (a higher one replaces it). */
  health_seq: number | null;
  software_version: string | null;
  backlog_records: number | null;
  oldest_unsynced_at: string | null;
  guard_level: 'ok' | 'warn' | 'block' | null;
  /** Comma-separated guard reasons (UNSYNCED_OLD, DISK_LOW). */
  guard_reasons: string;
  free_bytes: number | null;
  /** The station's clock when it built that packet. */
  station_time: string | null;
  /** The manifest's createdAt of that packet. */
  packet_created_at: string | null;
}

/** KTP-el recordings at the back-office: one row per recording (electron/hub/office/recordings.ts). */
export interface OfficeRecordingsTable {
  recording_id: string;
  unit_id: string;
  nik: string | null;
  name: string | null;
  recorded_at: string | null;
  is_first_time: number | null;
  /** The station's latest reported STATUS_REKAM (direkam, terkirim, prr, duplicate, dicetak, ...). */
  station_status: string;
  /** The outbox seq of the station record that status came from. */
  station_seq: number;
  decision: 'prr' | 'duplicate' | null;
  decision_note: string | null;
  decided_at: string | null;
  decided_by: string | null;
  /** What the list shows and filters on (terkirim = awaiting the district's outcome). */
  status: string;
  updated_at: string;
}

/** The newest signed cursor file accepted from each station's drive folder. */
export interface HubUsbCursorsTable {
  unit_id: string;
  /** The cursor's signed time (ISO); an older one is refused. */
  written_at: string;
  nonce: string;
  seen_at: string;
}

export type HubStationRow = Selectable<HubStationsTable>;

/** The office's work-queue state of an application (office_status). */
export type OfficeStatus = 'baru' | 'diusulkan' | 'dikembalikan' | 'selesai' | 'ditolak';

/**
 * The back-office work queue (issue 15): one row per application, projected from the station's
 * records at ingest (electron/hub/office/projection.ts). Claim columns: queue area; proposal and
 * decision columns: decision area.
 */
export interface OfficeApplicationsTable {
  application_id: string;
  unit_id: string;
  /** The station's application number. */
  number: string;
  service_code: string;
  /** The service's title as the station's catalogue named it (null: older record). */
  service_name: string | null;
  channel: 'kiosk' | 'desk' | 'outreach';
  applicant_nik: string | null;
  applicant_kk: string | null;
  applicant_name: string | null;
  /** The applicant's village from the answers when present, else the station's region. */
  village_code: string | null;
  village_name: string | null;
  kecamatan_code: string | null;
  kecamatan_name: string | null;
  /** The station's created_at. */
  submitted_at: string;
  /** The latest status the station reported. */
  station_status: string;
  office_status: Generated<OfficeStatus>;
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_at: string | null;
  proposal: 'issue' | 'return' | 'reject' | null;
  proposal_kind: string | null;
  proposal_note: string | null;
  proposed_by: string | null;
  proposed_by_name: string | null;
  proposed_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decision_reason: string | null;
  document_number: string | null;
  updated_at: string;
}

export type OfficeApplicationRow = Selectable<OfficeApplicationsTable>;

/** District staff of the back-office (issue 15; electron/hub/office/auth.ts). */
export interface OfficeUsersTable {
  id: string;
  /** Lower-case. */
  user_name: string;
  display_name: string;
  role: 'verifikator' | 'penandatangan' | 'admin' | 'pemantau';
  /** Jabatan, e.g. "Kepala Seksi Pelayanan Pendaftaran Penduduk". */
  title: string;
  /** `scrypt$N$r$p$salt$hash` (electron/protocol/password-hash.ts). */
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** Failed logins in a row (reset by a good login or when a lockout starts). */
  failed_logins: number;
  locked_until: string | null;
  password_changed_at: string;
}

/** A signed-in back-office session, keyed by the sha256 (hex) of its cookie token. */
export interface OfficeSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute limit, whatever the activity. */
  expires_at: string;
}

/** The back-office's hash-chained audit (electron/hub/office/audit.ts). */
export interface OfficeAuditTable {
  seq: number;
  at: string;
  /** null: not a signed-in user (a failed login with an unknown name, the command line). */
  user_id: string | null;
  user_name: string;
  role: string;
  action: string;
  /** Canonical JSON. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The one row (id 1) naming the audit's last entry; every append updates it first. */
export interface OfficeAuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** Counters per key and fixed window (login attempts per address, failures per unknown name). */
export interface OfficeRateLimitsTable {
  key: string;
  window_start: string;
  count: number;
}

export type OfficeUserRow = Selectable<OfficeUsersTable>;
export type OfficeAuditRow = Selectable<OfficeAuditTable>;

/** A district staff member's mark of one requirement line (decision area; the last mark wins). */
export interface OfficeLineMarksTable {
  application_id: string;
  requirement_code: string;
  state: 'sesuai' | 'kurang' | 'tidak-sesuai';
  note: string | null;
  marked_by: string;
  marked_by_name: string;
  marked_at: string;
}

/** A PDF SIAK produced (with its TTE), attached to an issued document; keyed by its sha-256. */
export interface OfficeDocumentPdfsTable {
  sha256: string;
  data: Buffer;
  size: number;
  created_at: string;
}

/** The district's numbering of one document kind (electron/hub/office/numbering.ts). */
export interface OfficeNumberingTable {
  kind: string;
  /** Literal text with {regency} {code} {yyyy} {mm} {dd}; the sequence follows it. */
  pattern: string;
  /** Digits of the sequence (zero-padded). */
  width: number;
  /** When the sequence starts again at 1. */
  reset: 'daily' | 'yearly' | 'never';
  updated_at: string;
  updated_by: string;
}

/** The last sequence number taken per kind and period ('' when the sequence never resets). */
export interface OfficeNumberCountersTable {
  kind: string;
  period: string;
  last_value: number;
}

/**
 * Outreach event reports at the district (issue 16; electron/hub/office/report-outreach.ts): one
 * row per confirmed version a station sent; the PDF is in `attachments` by `pdf_sha256`.
 */
export interface HubOutreachEventsTable {
  unit_id: string;
  report_id: string;
  event_id: string;
  /** 'event' or a day YYYY-MM-DD. */
  scope: string;
  version: number;
  title: string;
  venue: string;
  /** JSON [{code, title}]. */
  villages: string;
  kecamatan_code: string;
  kecamatan_title: string;
  /** JSON array of YYYY-MM-DD. */
  days: string;
  is_training: number;
  visitors: number;
  people_served: number;
  services_asked: number;
  /** Services finished on their visit's day (same_day / services_asked is the share). */
  same_day: number;
  /** JSON OutreachReportFigures as the station confirmed them. */
  figures: string;
  pdf_sha256: string;
  pdf_size: number;
  confirmed_by: string;
  confirmed_at: string;
  received_at: string;
}
