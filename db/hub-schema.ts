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
