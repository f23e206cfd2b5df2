/**
 * DTOs of the officer desk (issue 5 items 2, 3 and 6; docs/desk-verification.md): the inbox,
 * claims, the requirement checklist, decisions and the daily summary. Types only.
 */
import type { LocalText, Need } from './kiosk';

/**
 * Application statuses written at the station. `perlu-persetujuan`: an operator approved an
 * application that changes an existing resident's data; a supervisor must confirm it.
 * Later statuses (dikirim, diproses, selesai, diambil) arrive with the district sync.
 */
export type DeskStatus =
  'diajukan' | 'diverifikasi' | 'berkas-kurang' | 'ditolak' | 'perlu-persetujuan';

export interface InboxArgs {
  /** One status, or all when absent. */
  status?: string | undefined;
  serviceCode?: string | undefined;
  /** Kemendagri village code (13 characters with dots, e.g. "16.02.01.2001"). */
  villageCode?: string | undefined;
  /** Only applications submitted at least this many whole days ago (0 = all). */
  minAgeDays?: number | undefined;
  /** mine: claimed by me; free: claimed by nobody; all: either. Default all. */
  claim?: 'mine' | 'free' | 'all' | undefined;
  offset: number;
  /** 1..100 */
  limit: number;
}

export interface ClaimInfo {
  userId: string;
  userName: string;
  at: string;
  isMine: boolean;
}

/** What names an application on the desk: its number, service and status. */
export interface ApplicationHead {
  id: string;
  number: string;
  serviceCode: string;
  service: LocalText;
  status: string;
  statusLabel: LocalText;
  channel: 'kiosk' | 'desk';
}

export interface InboxItem extends ApplicationHead {
  /** Full name: officers need it to call the applicant; the NIK is masked here. */
  applicantName: string | null;
  maskedNik: string | null;
  villageCode: string | null;
  villageName: string | null;
  createdAt: string;
  /** Whole days since submission on the station's day (Asia/Jakarta). */
  ageDays: number;
  claim: ClaimInfo | null;
  photoCount: number;
}

export interface InboxResult {
  total: number;
  items: InboxItem[];
  /** Applications per status over the whole inbox (the filter tabs' badges). */
  countsByStatus: Record<string, number>;
}

export type CheckState = 'ok' | 'bad' | 'missing';

export interface RequirementCheck {
  state: CheckState;
  note: string | null;
  byName: string;
  at: string;
}

export interface DeskPhotoRef {
  /** sha-256 of the JPEG: the photo's id within the application. */
  sha256: string;
  width: number;
  height: number;
  bytes: number;
  takenAt: string;
}

export interface DeskRequirement {
  code: string;
  label: LocalText;
  need: Need;
  condition: LocalText | null;
  kind: 'document' | 'form' | 'in-person';
  photos: DeskPhotoRef[];
  check: RequirementCheck | null;
}

export interface DeskField {
  code: string;
  label: LocalText;
  /** As stored (codes for selects). */
  value: string;
  /** As printed (code list label, "15 Oktober 2026" for dates, village name). */
  display: string;
}

/** A value the application would change on an existing resident's record (supervisor approves). */
export interface ResidentChange {
  nik: string;
  field: string;
  label: LocalText;
  current: string | null;
  proposed: string;
}

export interface DeskTimelineStep {
  status: string;
  label: LocalText;
  at: string;
  actor: string;
  note: string | null;
}

export type DeskAction =
  'claim' | 'release' | 'check' | 'approve' | 'return' | 'reject' | 'confirm' | 'refuse';

export interface ApplicationDetail extends ApplicationHead {
  createdAt: string;
  applicant: { nik: string | null; kkNumber: string | null; name: string | null };
  fields: DeskField[];
  requirements: DeskRequirement[];
  claim: ClaimInfo | null;
  timeline: DeskTimelineStep[];
  /** The service changes an existing resident's data: approval needs a supervisor. */
  changesResident: boolean;
  residentChanges: ResidentChange[];
  /** What the calling officer may do now (the core checks again on every call). */
  allowedActions: DeskAction[];
  /**
   * Why it is back at the desk or refused (berkas-kurang, ditolak): the latest note, from the
   * desk or the district (a district return reopens the application here; issue 15).
   */
  statusNote: { text: string; from: 'district' | 'desk' } | null;
}

export interface DeskPhoto {
  mime: 'image/jpeg';
  dataBase64: string;
  width: number;
  height: number;
}

export type DeskDecision = 'approve' | 'return' | 'reject';

export interface DeskSummaryArgs {
  /** YYYY-MM-DD (Asia/Jakarta); today when absent. */
  day?: string | undefined;
}

export interface DeskSummaryRow {
  serviceCode: string;
  service: LocalText;
  received: number;
  verified: number;
  returned: number;
  rejected: number;
  printed: number;
}

export interface DeskSummary {
  day: string;
  totals: Omit<DeskSummaryRow, 'serviceCode' | 'service'>;
  byService: DeskSummaryRow[];
}
