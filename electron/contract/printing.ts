/**
 * DTOs of document and form printing (issue 5 items 4 and 5; docs/printing.md). Types only.
 */
import type { LocalText } from './kiosk';

/**
 * A4 documents (Permendagri 109/2019: HVS 80 gsm), A4 forms the applicant signs, and the KIA card
 * (CR80, on a blank).
 */
export type DocumentKind =
  | 'kk'
  | 'biodata'
  | 'akta-kelahiran'
  | 'akta-kematian'
  | 'surat-pindah'
  | 'f-1.01'
  | 'f-1.02'
  | 'f-1.03'
  | 'f-2.01'
  | 'kia'
  /** The KTP-el card of a PRR recording, on a blanko KTP-el (issue 6). */
  | 'ktp-el';

/** What a document is filled from: an application, a family (No. KK) or a resident (ref). */
export type PrintSubject =
  | { applicationId: string }
  | { kkNumber: string }
  | { residentRef: string }
  | { recordingId: string };

export interface PrintableDocument {
  kind: DocumentKind;
  title: LocalText;
  /** 'document' (A4), 'form' (A4, applicant signs), 'card' (CR80). */
  paper: 'document' | 'form' | 'card';
  /** True until the district has issued it (data + signature through sync). */
  isDraft: boolean;
  /** Copies printed so far of this document for this subject (a next print is a reprint). */
  printedCopies: number;
}

export interface PrintablesArgs {
  subject: PrintSubject;
}

export interface PrintPreviewArgs {
  kind: DocumentKind;
  subject: PrintSubject;
}

export interface PrintPreview {
  kind: DocumentKind;
  title: LocalText;
  isDraft: boolean;
  /** The exact HTML that is printed, with no scripts; shown in a sandboxed frame. */
  html: string;
  /** Page size in millimetres (A4 210×297, CR80 85.6×54). */
  pageMm: { width: number; height: number };
  pages: number;
  /** What the template marks as unverified against a real blank (shown to the officer). */
  unverified: string[];
  /** The printer this paper goes to (station settings); null = the system default. */
  printerName: string | null;
  /**
   * The district issued it with a PDF from SIAK: that PDF is printed unchanged (the html is a
   * notice saying so); absent for the station's own templates.
   */
  siakPdf?: { sha256: string; pages: number } | undefined;
}

export interface PrintRunArgs {
  kind: DocumentKind;
  subject: PrintSubject;
  /** 1..5 */
  copies: number;
  /** Required when any copy of this document for this subject was printed before. */
  reprintReason?: string | undefined;
}

export interface PrintRunResult {
  /** Print-log ids, one per copy. */
  logIds: string[];
  /** Copy numbers of this document for this subject, e.g. [3, 4] for a reprint of two. */
  copyNumbers: number[];
  isDraft: boolean;
  isPrinted: boolean;
  /** The PDF (station server: for the browser to print or download; Electron: the archive). */
  pdfBase64: string | null;
  /** Why nothing was printed; null when printed. */
  reason: string | null;
  printerName: string | null;
}

export interface PrintLogArgs {
  limit: number;
  /** Entries before this position (paging, newest first). */
  beforeSeq?: number | undefined;
  /** Only prints of one day (YYYY-MM-DD, Asia/Jakarta). */
  day?: string | undefined;
}

export interface PrintLogEntry {
  seq: number;
  id: string;
  at: string;
  userName: string;
  kind: DocumentKind;
  title: LocalText;
  /** Application number, No. KK or masked NIK: never a full NIK. */
  subjectLabel: string;
  copyNumber: number;
  isDraft: boolean;
  isReprint: boolean;
  reprintReason: string | null;
  printerName: string | null;
  isPrinted: boolean;
  /** The PDF of this print is kept (encrypted, in the database). */
  isArchived: boolean;
}

export interface PrinterSettings {
  /** Configured printer per paper; null = the system default. */
  document: string | null;
  card: string | null;
  receipt: string | null;
  /** Printers the host can see now (empty on the station server: the browser prints). */
  available: string[];
}

export interface PrinterSettingsArgs {
  document: string | null;
  card: string | null;
  receipt: string | null;
}
