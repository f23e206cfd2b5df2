import type { Role } from './roles';

export type StationMode = 'kiosk' | 'officer';

export interface RegionRef {
  /** Kemendagri code without dots, e.g. 1602052011. */
  code: string;
  name: string;
  district: string;
  regency: string;
}

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

export type AuditVerifyResult =
  | { isIntact: true; checked: number }
  | {
      isIntact: false;
      checked: number;
      brokenAtSeq: number;
      reason: 'hash' | 'link' | 'gap' | 'head';
    };
