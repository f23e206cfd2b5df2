/**
 * Back-office handlers of the queue area (electron/hub/office/queue.ts; issue 15 item 4): the work
 * queue over every station's applications, its filters and counts, one application's page, and
 * the claim (one staff member at a time).
 */

/** The district's state of an application (office_applications.office_status). */
export type OfficeStatus = 'baru' | 'diusulkan' | 'dikembalikan' | 'selesai' | 'ditolak';
export const OFFICE_STATUSES: readonly OfficeStatus[] = [
  'baru',
  'diusulkan',
  'dikembalikan',
  'selesai',
  'ditolak',
];

export type QueueChannel = 'kiosk' | 'desk' | 'outreach';

/** A text in Bahasa Indonesia and English (as the station's catalogue named it). */
export interface QueueText {
  id: string;
  en: string;
}

export interface QueueFilters {
  /** Station (unit id). */
  station?: string | undefined;
  /** Kecamatan code (6 digits). */
  kecamatan?: string | undefined;
  /** Village code (10 digits). */
  village?: string | undefined;
  service?: string | undefined;
  channel?: QueueChannel | undefined;
  /** Submitted at least this many whole days ago (24 h periods before the hub's clock). */
  olderThanDays?: number | undefined;
  /** Submitted on or after this Asia/Jakarta day (YYYY-MM-DD). */
  submittedFrom?: string | undefined;
  /** Submitted on or before this Asia/Jakarta day (YYYY-MM-DD). */
  submittedTo?: string | undefined;
  /** Application number, NIK or No. KK (digits), or part of the name. */
  text?: string | undefined;
}

export interface QueueListArgs extends QueueFilters {
  status?: OfficeStatus | undefined;
  /** Oldest first (default) or newest first. */
  order?: 'oldest' | 'newest' | undefined;
  offset?: number | undefined;
  /** 1..100, default 50. */
  limit?: number | undefined;
}

/** Who holds an application's claim. */
export interface QueueClaim {
  userId: string;
  name: string;
  at: string;
  isMine: boolean;
}

export interface QueueRow {
  applicationId: string;
  number: string;
  unitId: string;
  /** The station's enrolled name (the unit id when unknown). */
  stationName: string;
  serviceCode: string;
  /** As the station's catalogue named it; null for records from before issue 15. */
  serviceName: string | null;
  channel: QueueChannel;
  /** Masked (160205********01); null when the application names none. */
  applicantNik: string | null;
  applicantName: string | null;
  villageCode: string | null;
  villageName: string | null;
  kecamatanCode: string | null;
  kecamatanName: string | null;
  submittedAt: string;
  stationStatus: string;
  officeStatus: OfficeStatus;
  claim: QueueClaim | null;
  /** The verifikator's proposal, when one is waiting. */
  proposal: 'issue' | 'return' | 'reject' | null;
}

export interface QueueListResult {
  rows: QueueRow[];
  /** Rows matching the filters and status (for paging). */
  total: number;
  offset: number;
  limit: number;
}

export type QueueCounts = Record<OfficeStatus, number> & { all: number };

/** One choice of a filter select: a code and the name the records carried (null: unknown). */
export interface QueueChoice {
  code: string;
  name: string | null;
  count: number;
}

export interface QueueFilterChoices {
  stations: QueueChoice[];
  kecamatan: QueueChoice[];
  /** Villages with their kecamatan code (the village select narrows by the kecamatan chosen). */
  villages: (QueueChoice & { kecamatan: string })[];
  services: QueueChoice[];
}

/** One answer of the application, with the station catalogue's question when known. */
export interface QueueAnswer {
  code: string;
  /** Null when the record carried no catalogue names (older stations): show the code. */
  label: QueueText | null;
  /** The value as stored (codes, ISO days). */
  value: string;
  /** The readable value the station showed (dates, code-list labels, village names). */
  display: string;
}

/** One registry element: the station's registry value and what the application proposes. */
export interface RegistryLine {
  /** SIAK name (NAMA_LGKP, STAT_KWN, ...) or LAINNYA. */
  element: string;
  /** As printed on the KK. */
  label: string;
  current: string | null;
  /** Null when the application does not change it. */
  proposed: string | null;
}

export interface QueueRegistry {
  /** Whose entry (the person the application is about). */
  nik: string;
  name: string;
  lines: RegistryLine[];
}

export interface QueuePhoto {
  sha256: string;
  requirementCode: string;
  requirementLabel: QueueText | null;
  /** Bytes, as the station reported it; `GET /office/photo/<sha256>` serves the image. */
  size: number;
  width: number;
  height: number;
  takenAt: string;
  /** False when the photo's bytes have not arrived (yet). */
  isStored: boolean;
}

/** The station desk's checklist as it stood at its last decision. */
export interface QueueDeskCheck {
  requirementCode: string;
  requirementLabel: QueueText | null;
  state: string;
  note: string | null;
  by: string;
  at: string;
}

export interface QueueDesk {
  /** The desk's last decision (status), its officer and time; null: the desk has not decided. */
  status: string;
  officer: string;
  at: string;
  reason: string | null;
  checks: QueueDeskCheck[];
}

/** One step of the application's life, at the station or at the district. */
export interface QueueEvent {
  at: string;
  /** station: the station's status history and desk activity; hub: the district's updates. */
  source: 'station' | 'hub';
  /** A status (diajukan, diverifikasi, dikirim, ...) or an activity (desk.application-claimed). */
  what: string;
  actor: string | null;
  note: string | null;
}

export interface QueueEarlier {
  applicationId: string;
  number: string;
  serviceCode: string;
  serviceName: string | null;
  submittedAt: string;
  officeStatus: OfficeStatus;
  stationName: string;
}

export interface QueueProposal {
  proposal: 'issue' | 'return' | 'reject';
  kind: string | null;
  note: string | null;
  byName: string | null;
  at: string | null;
}

export interface QueueDecision {
  at: string;
  byName: string | null;
  reason: string | null;
  documentNumber: string | null;
}

export interface QueueDetail {
  row: QueueRow;
  /** The whole NIK and No. KK (an audited read of one application). */
  applicant: { nik: string | null; kk: string | null; name: string | null };
  answers: QueueAnswer[];
  /** Null when the station's registry did not know the person, or the record predates it. */
  registry: QueueRegistry | null;
  photos: QueuePhoto[];
  desk: QueueDesk | null;
  timeline: QueueEvent[];
  earlier: QueueEarlier[];
  proposal: QueueProposal | null;
  decision: QueueDecision | null;
}

export interface QueueHandlers {
  /** Applications matching the filters, one page, with who holds each claim (read only). */
  'queue-list': { args: QueueListArgs; result: QueueListResult };
  /** Counts per office status over the same filters (read only). */
  'queue-counts': { args: QueueFilters; result: QueueCounts };
  /** The stations, kecamatan, villages and services present, for the filter selects. */
  'queue-filters': { args: Record<string, never>; result: QueueFilterChoices };
  /** One application's page (an audited read). */
  'queue-get': { args: { applicationId: string }; result: QueueDetail };
  /** Claims it: one holder at a time; another's claim answers 409 CLAIMED with the holder. */
  'queue-claim': { args: { applicationId: string }; result: QueueRow };
  /**
   * Releases the claim: the holder always (reason optional); a penandatangan another's with a
   * reason of 3..300 characters.
   */
  'queue-release': {
    args: { applicationId: string; reason?: string | undefined };
    result: QueueRow;
  };
}
