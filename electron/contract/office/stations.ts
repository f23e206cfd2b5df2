/**
 * Back-office handlers of the stations area (electron/hub/office/stations.ts; issue 15 item 7):
 * the stations with the health their packets report, enrolment from a request file, revoking a
 * station's key, and the issued documents with their revocation.
 */

export interface OfficeStationRow {
  unitId: string;
  unitCode: string;
  name: string;
  regionCode: string;
  enrolledAt: string;
  revokedAt: string | null;
  revokeReason: string | null;
  /** Fingerprint of the station's signing key (the station's sync screen shows the same). */
  keyId: string;
  /** The hub's time of the last signed request or packet. */
  lastContactAt: string | null;
  lastPacketAt: string | null;
  lastPacketChannel: 'http' | 'usb' | null;
  /** From the newest packet's manifest (null before the station reported any). */
  softwareVersion: string | null;
  backlogRecords: number | null;
  oldestUnsyncedAt: string | null;
  guardLevel: 'ok' | 'warn' | 'block' | null;
  guardReasons: string[];
  freeBytes: number | null;
  /** The station's clock when it built that packet, and the packet's own time. */
  stationTime: string | null;
  reportedAt: string | null;
}

export interface StationsList {
  rows: OfficeStationRow[];
  /** The hub's clock, to judge how old a contact is. */
  hubTime: string;
  /** Fingerprint of the district's signing key. */
  districtKeyId: string;
}

export interface StationsEnrolArgs {
  /** The request file's text, or its bytes as base64 (one of the two). */
  requestJson?: string | undefined;
  requestBase64?: string | undefined;
  /** The address stations reach the hub at (http:// or https://). */
  hubUrl: string;
}

export interface StationsEnrolResult {
  unitId: string;
  unitName: string;
  /** The answer file's text, to download and carry to the station. */
  answerJson: string;
  /** jawaban-<unitId>.json */
  fileName: string;
  /** Read aloud on the phone: the station shows the same after applying the answer. */
  districtKeyId: string;
  /** The station's key fingerprint, as its sync screen shows it. */
  stationKeyId: string;
  /** The unit was enrolled before (its revoked key replaced, or the same key again). */
  isReEnrolment: boolean;
}

export interface OfficeDocumentRow {
  documentNumber: string;
  kind: string;
  unitId: string;
  stationName: string | null;
  /** The application it was issued for. */
  subjectId: string;
  name: string | null;
  maskedNik: string | null;
  issuedAt: string;
  signerName: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface DocumentsList {
  rows: OfficeDocumentRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StationsHandlers {
  'stations-list': { args: Record<string, never>; result: StationsList };
  'stations-enrol': { args: StationsEnrolArgs; result: StationsEnrolResult };
  'stations-revoke': {
    args: { unitId: string; reason: string };
    result: { unitId: string; revokedAt: string };
  };
  'stations-documents-list': {
    args: { text?: string | undefined; page: number };
    result: DocumentsList;
  };
  'stations-document-revoke': {
    args: { documentNumber: string; reason: string };
    result: { documentNumber: string; revokedAt: string };
  };
}
