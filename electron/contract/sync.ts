/**
 * DTOs of district sync (issue 7; docs/sync-protocol.md, docs/sync-packets.md): enrolment, the
 * sync screen, USB export/import, offline guards and the document verify screen. Types only.
 */

/** Why new recordings are warned about or refused (item 6). */
export type GuardReason = 'UNSYNCED_OLD' | 'DISK_LOW';

export interface OfflineGuard {
  /** ok: nothing to say; warn: a banner; block: new recordings are refused (RECORDING_BLOCKED). */
  level: 'ok' | 'warn' | 'block';
  reasons: GuardReason[];
  /** Age in whole days of the oldest outbox row without a district receipt; null when none. */
  oldestUnsyncedDays: number | null;
  freeBytes: number | null;
  settings: SyncSettings;
}

export interface SyncSettings {
  /** Warn when unsynced work is this many days old. */
  warnDays: number;
  /** Refuse new recordings when unsynced work is this many days old. */
  blockDays: number;
  /** Warn under twice this, refuse new recordings under this much free disk (MB). */
  minFreeMb: number;
  /** Days after the district's receipt before photos of originals are purged from the station. */
  retentionDays: number;
}

export interface SyncProblem {
  /** Stable code the UI translates (NETWORK, NOT_THE_HUB, UNKNOWN_STATION, BAD_RECEIPT, ...). */
  reason: string;
  /** Technical detail for the log and a support call. */
  message: string;
  at: string;
}

export interface SyncStatus {
  isEnrolled: boolean;
  districtName: string | null;
  hubUrl: string | null;
  /** Fingerprint of the district key, to read aloud to the district when enrolling. */
  districtKeyId: string | null;
  unitId: string;
  stationKeyId: string;
  pending: {
    /** Outbox rows without a district receipt. */
    records: number;
    /** Packets built and not yet receipted. */
    packets: number;
    /** Bytes of those packets. */
    bytes: number;
    oldestAt: string | null;
  };
  /** Outbox rows the district refused (with reasons, see the district's receipt). */
  rejected: number;
  lastSuccessAt: string | null;
  lastProblem: SyncProblem | null;
  nextAttemptAt: string | null;
  isRunning: boolean;
  guard: OfflineGuard;
  /** The last district update applied here. */
  updatesCursor: number;
}

export interface EnrolmentRequestFile {
  fileName: string;
  /** The request file's text (JSON), to save on a drive or send. */
  json: string;
  /** The same request as a QR code (PNG data URL) for the district's scanner. */
  qrDataUrl: string;
  stationKeyId: string;
}

export interface SyncRunResult {
  built: number;
  receipted: number;
  exported: number;
  rejected: number;
  pulled: number;
  problems: SyncProblem[];
  status: SyncStatus;
}

export interface UsbDrive {
  path: string;
  label: string;
  freeBytes: number | null;
}

export interface UsbExportResult {
  built: number;
  written: number;
  bytes: number;
  folder: string;
  status: SyncStatus;
}

export interface UsbImportResult {
  receipts: number;
  exported: number;
  rejected: number;
  updatesApplied: number;
  refused: { file: string; reason: string }[];
  status: SyncStatus;
}

export interface DocumentVerifyResult {
  status: 'valid' | 'revoked' | 'invalid' | 'not-enrolled';
  /** For invalid: NOT_OURS (not a Lakon Mandira QR), MALFORMED, BAD_SIGNATURE. */
  problem: 'NOT_OURS' | 'MALFORMED' | 'BAD_SIGNATURE' | null;
  documentNumber: string | null;
  kind: string | null;
  issuedAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  /** The holder's name when this station has the issued document, else null. */
  name: string | null;
}
