/**
 * DTOs of applications (issue 4 item 4; docs/kiosk-applications.md). Types only.
 */
import type { LocalText } from './kiosk';

export interface ConsentText {
  version: string;
  text: LocalText;
}

export interface ApplicationPhotoInput {
  /** A requirement of the chosen service (or one of its alternatives). */
  requirementCode: string;
  /** JPEG bytes, base64; at most 300 KB decoded. */
  dataBase64: string;
  width: number;
  height: number;
  /** ISO timestamp of the capture. */
  takenAt: string;
}

export interface ApplicationSubmitArgs {
  serviceCode: string;
  /** The wizard's answers by catalogue field code; text values. */
  fields: Record<string, string>;
  photos: ApplicationPhotoInput[];
  consent: { isAccepted: true; version: string; language: 'id' | 'en' };
}

export interface ApplicationReceiptView {
  service: LocalText;
  /** First name and initials only. */
  applicantShortName: string;
  maskedNik: string | null;
  submittedAt: string;
  /** Requirement labels photographed / still missing (required ones only). */
  handedIn: LocalText[];
  missing: LocalText[];
}

export interface ApplicationSubmitResult {
  number: string;
  /** 8 characters, as printed `ABCD-EFGH`. */
  check: string;
  statusLink: string;
  receipt: ApplicationReceiptView;
}

/**
 * Electron prints silently to the configured printer (`isPrinted`); the station server cannot
 * reach a printer, so it returns the receipt as a PDF for the browser to show, print or download.
 */
export interface ReceiptPrintResult {
  isPrinted: boolean;
  pdfBase64: string | null;
  /** Why nothing was printed, for the log and the officer; null when printed. */
  reason: string | null;
}

export type StatusCheckArgs = { link: string } | { number: string; check: string };

export interface ApplicationStatusStep {
  status: string;
  at: string;
  label: LocalText;
}

export interface ApplicationStatusView {
  number: string;
  service: LocalText;
  maskedNik: string | null;
  status: string;
  statusLabel: LocalText;
  timeline: ApplicationStatusStep[];
  /**
   * Why the application is where it is, for the applicant: the reason of a rejection (ditolak)
   * or what to fix when it was returned (berkas-kurang), from the desk or the district; null
   * otherwise (docs/kiosk-applications.md, "Status check").
   */
  note: { text: string; from: 'district' | 'desk' } | null;
}
