/**
 * District reports (issue 15 item 9; electron/hub/office/reports.ts). Days are Jakarta days
 * (WIB, UTC+7). Each figure counts an event in the period it happened: an application when the
 * station submitted it, an issue, return or rejection when the district decided it, a KTP-el
 * recording when the station made it (with the status it has now).
 */

export const REPORT_PERIODS = ['day', 'week', 'month'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The channels every report names, even at zero; others present at the hub follow them. */
export const REPORT_CHANNELS = ['kiosk', 'desk', 'outreach'] as const;

export interface ReportArgs {
  period: ReportPeriod;
  /** First Jakarta day, YYYY-MM-DD. */
  from: string;
  /** Last Jakarta day, YYYY-MM-DD (included). */
  to: string;
}

/** One line of a "by ..." table: the code, its name (Bahasa Indonesia) and the count. */
export interface ReportCount {
  key: string;
  label: string;
  count: number;
}

/** One day, ISO week (Monday first) or month of the range, clipped to the range. */
export interface ReportBucket {
  /** 2026-12-01, 2026-W49 or 2026-12. */
  key: string;
  /** Short, for a chart axis: "1 Des", "Mg 49", "Des 2026". */
  label: string;
  /** Long: "1 Desember 2026", "Minggu ke-49 (30 November – 6 Desember 2026)". */
  title: string;
  from: string;
  to: string;
  /** Applications submitted, per channel (every channel of `channels`). */
  received: Record<string, number>;
  receivedTotal: number;
  /** Documents issued in the bucket, and of them those issued on their submission day. */
  issued: number;
  sameDay: number;
}

/** Time from submission to issue of the documents issued in the range. */
export interface ReportTurnaround {
  issued: number;
  /** Hours, one decimal; null without an issued document. Percentiles as Excel PERCENTILE.INC. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Issued on the Jakarta day the application was submitted ("sehari langsung jadi"). */
  sameDay: number;
  /** sameDay / issued, 0..1; null without an issued document. */
  sameDayShare: number | null;
}

/** One reason text as staff wrote it, how often it was given in the range, and when last. */
export interface ReportReason {
  reason: string;
  count: number;
  latestAt: string;
}

export interface ReportSummary {
  period: ReportPeriod;
  from: string;
  to: string;
  /** The hub's time when the figures were read (ISO). */
  generatedAt: string;
  /** "Disdukcapil Kabupaten Ogan Komering Ilir". */
  districtName: string;
  received: number;
  /** The channel keys in the order charts stack them. */
  channels: ReportCount[];
  byService: ReportCount[];
  byStation: ReportCount[];
  byKecamatan: ReportCount[];
  /** The district's state now of the applications submitted in the range. */
  byOfficeStatus: ReportCount[];
  buckets: ReportBucket[];
  turnaround: ReportTurnaround;
  returned: { total: number; reasons: ReportReason[] };
  rejected: { total: number; reasons: ReportReason[] };
  /** KTP-el recordings made in the range, by the status they have now. */
  recordings: { total: number; byStatus: ReportCount[] };
}

/**
 * An outreach report's figures as the station confirmed them: the same shape as the station's
 * `OutreachReportFigures` (contract/outreach.ts; the contract's areas do not import each other,
 * electron/hub/office/report-outreach.ts checks the two agree).
 */
export interface OutreachFigures {
  eventId: string;
  scope: string;
  generatedAt: string;
  visitors: number;
  peopleServed: number;
  services: Array<{
    serviceCode: string;
    title: { id: string; en: string };
    total: number;
    male: number;
    female: number;
    byAgeBand: Record<string, number>;
    medianMinutes: number | null;
    sameDay: number;
    done: number;
  }>;
  firstTimeRecordings: number;
  prints: number;
  blanks: {
    items: Array<{
      item: 'blanko-ktp-el' | 'blanko-kia' | 'ribbon';
      out: number;
      used: number;
      spoiled: number;
      returned: number;
      left: number;
    }>;
  };
  pending: Array<{
    day: string;
    number: string;
    serviceCode: string;
    status: 'waiting' | 'in-progress' | 'done' | 'follow-up' | 'cancelled';
    reason: string;
  }>;
  sameDayShare: number | null;
}

/** One confirmed version of an outreach event's report (issue 16; docs/outreach-report.md). */
export interface OutreachEventReportVersion {
  reportId: string;
  /** 'event' or a day YYYY-MM-DD. */
  scope: string;
  version: number;
  confirmedBy: string;
  confirmedAt: string;
  peopleServed: number;
  /** same-day / asked, 0..1; null when nothing was asked. */
  sameDayShare: number | null;
  pdfSha256: string;
  pdfSize: number;
}

/**
 * An outreach event ("Jelades Semedi") of one station with its reports: counts only, no
 * resident's data. The headline figures are those of the latest version of the whole-event
 * report, else of the latest day report.
 */
export interface OutreachEventListItem {
  unitId: string;
  stationName: string;
  eventId: string;
  title: string;
  venue: string;
  villages: string[];
  kecamatan: string;
  days: string[];
  isTraining: boolean;
  visitors: number;
  peopleServed: number;
  sameDayShare: number | null;
  latest: OutreachEventReportVersion;
  /** Every version, newest first. */
  reports: OutreachEventReportVersion[];
  /** The headline version's figures (OutreachReportFigures as the station confirmed them). */
  figures: OutreachFigures;
}

/** Back-office handlers of the reports area (electron/hub/office/reports.ts). */
export interface ReportsHandlers {
  'reports-summary': { args: ReportArgs; result: ReportSummary };
  /** UTF-8 with BOM, semicolons (Excel in an Indonesian locale), one section per table. */
  'reports-csv': { args: ReportArgs; result: { fileName: string; csv: string } };
  /** An A4 PDF drawn at the hub (tables and vector charts), base64. */
  'reports-pdf': { args: ReportArgs; result: { fileName: string; pdfBase64: string } };
}

/** Back-office handlers of outreach events' reports (electron/hub/office/report-outreach.ts). */
export interface ReportsOutreachHandlers {
  /** Outreach events and their confirmed reports (electron/hub/office/report-outreach.ts). */
  'reports-outreach-list': {
    args: Record<string, never>;
    result: { events: OutreachEventListItem[] };
  };
  /** One confirmed version's A4 PDF as the station printed it, base64. */
  'reports-outreach-pdf': {
    args: { unitId: string; reportId: string };
    result: { fileName: string; pdfBase64: string };
  };
}
