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

export interface HubDatabase {
  stations: HubStationsTable;
  packets: HubPacketsTable;
  records: HubRecordsTable;
  attachments: HubAttachmentsTable;
  refusals: HubRefusalsTable;
  updates: HubUpdatesTable;
  documents: HubDocumentsTable;
  settings: HubSettingsTable;
}

export type HubStationRow = Selectable<HubStationsTable>;
