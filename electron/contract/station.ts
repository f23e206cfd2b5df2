import type { Role } from './roles';

export type StationMode = 'kiosk' | 'officer';

export interface RegionRef {
  /** Kemendagri code without dots, e.g. 1602052011. */
  code: string;
  name: string;
  district: string;
  regency: string;
}

export type KeyProtection = 'os-keyring' | 'passphrase' | 'file';

export interface StationStatus {
  unitId: string;
  unitName: string;
  region: RegionRef;
  isTraining: boolean;
  startMode: StationMode;
  host: 'electron' | 'station-server';
  database: {
    path: string;
    isEncrypted: boolean;
    cipher: string | null;
    schemaVersion: string;
    sizeBytes: number;
    /**
     * How the database key is kept (docs/decisions.md, "Passphrase key protection"): the OS
     * keyring (Electron safeStorage), a passphrase typed at start, or an owner-only key file
     * (station server).
     */
    keyProtection: KeyProtection;
  };
  versions: Record<string, string>;
}

export interface SessionInfo {
  connectionId: string;
  role: Role;
  userName: string | null;
  mode: StationMode;
  isTraining: boolean;
  unitName: string;
  /** Village name for the header, e.g. "Desa Kijang Ulu, Kec. Kayu Agung". */
  placeName: string;
  /**
   * A browser paired over the LAN (docs/lan.md): what it was paired as. Absent or null for the
   * machine's own screens. A 'display' shows only the queue display.
   */
  device?: { kind: 'desk' | 'display'; desk: string | null; label: string } | null;
}

export interface ServiceItem {
  code: string;
  /** Queue letter printed on the ticket, e.g. "A". */
  queueLetter: string;
  title: { id: string; en: string };
  summary: { id: string; en: string };
  icon: string;
}

export interface QueueTicket {
  id: string;
  number: string;
  serviceCode: string;
  issuedAt: string;
  waitingAhead: number;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  role: Role;
  action: string;
  detail: Record<string, unknown>;
}

/**
 * `anchors`: how many district-signed audit anchors (from sync receipts) were checked. Reason
 * 'anchor': the chain verifies on its own but the entry at `brokenAtSeq` is not the one the
 * district received; `rewrittenBefore` is the date of that district receipt (docs/decisions.md).
 */
export type AuditVerifyResult =
  | { isIntact: true; checked: number; anchors?: number }
  | {
      isIntact: false;
      checked: number;
      brokenAtSeq: number;
      reason: 'hash' | 'link' | 'gap' | 'head' | 'anchor';
      rewrittenBefore?: string;
      anchors?: number;
    };
