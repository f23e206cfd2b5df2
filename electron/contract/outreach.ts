/**
 * Jelades Semedi outreach events (issue 16; docs/outreach.md): the plan and its readiness
 * checklist, the invitation list, visits with one queue number and several services, the queue
 * display, the leader's live board and the event report. Types only.
 *
 * Ownership of the parts (one area each): plan/readiness/invitations/stock (`outreach-event-*`,
 * `outreach-readiness-*`, `outreach-invitations-*`), visits and the queue display
 * (`outreach-visit-*`, `outreach-call-*`, `outreach-display-*`), board and report
 * (`outreach-board-*`, `outreach-report-*`), training (`outreach-training-*`).
 */

/** Two-language text, Indonesian first. */
export interface OutreachText {
  id: string;
  en: string;
}

export type OutreachEventStatus = 'planned' | 'running' | 'closed';

/** What a team member does at the event. */
export type OutreachTask = 'ketua' | 'perekaman' | 'verifikasi' | 'cetak' | 'antrean';

export interface OutreachTeamMember {
  /** users.id of a station account. */
  userId: string;
  userName: string;
  displayName: string;
  task: OutreachTask;
}

/** A service offered at the event and its target (how many the team aims to finish). */
export interface OutreachServiceTarget {
  /** Catalogue service code, or 'perekaman-ktp-el' for a KTP-el recording. */
  serviceCode: string;
  title: OutreachText;
  target: number;
}

export interface OutreachEventPlan {
  name: string;
  /** Kemendagri village codes (10 digits, no dots), one kecamatan. */
  villageCodes: string[];
  /** The event days, YYYY-MM-DD (Asia/Jakarta), ascending, at most 14. */
  days: string[];
  venue: string;
  team: Array<{ userId: string; task: OutreachTask }>;
  services: Array<{ serviceCode: string; target: number }>;
}

export interface OutreachEventSummary {
  id: string;
  name: string;
  status: OutreachEventStatus;
  villages: Array<{ code: string; name: string }>;
  kecamatan: { code: string; name: string };
  days: string[];
  venue: string;
  isTraining: boolean;
  createdAt: string;
  startedAt: string | null;
  closedAt: string | null;
}

export interface OutreachEventDetail extends OutreachEventSummary {
  team: OutreachTeamMember[];
  services: OutreachServiceTarget[];
  readiness: OutreachReadiness;
  /** Blanks and ribbon carried to the event (the stock transfer), per item. */
  stock: OutreachStock;
  /** The reason the leader wrote to start with a failed readiness item, or null. */
  startOverrideReason: string | null;
  /** What the office holds now, per item (what a checkout can still take). */
  officeStock: Array<{ item: OutreachStockItem; onHand: number }>;
}

/** The choices of the plan form (outreach-event-options). */
export interface OutreachPlanOptions {
  /** The station's own village, offered first. */
  unitVillageCode: string;
  /** Today in Asia/Jakarta, YYYY-MM-DD: the first day a plan may use. */
  today: string;
  /** The kecamatan of the station's regency with their current villages. */
  kecamatans: Array<{
    code: string;
    name: string;
    villages: Array<{ code: string; name: string }>;
  }>;
  /** Active station accounts that can be on the team. */
  users: Array<{ userId: string; userName: string; displayName: string; role: string }>;
  /** Catalogue services and 'perekaman-ktp-el'. */
  services: Array<{ serviceCode: string; title: OutreachText }>;
}

export type ReadinessItemId =
  | 'registry-imported'
  | 'station-synced'
  | 'hardware-checked'
  | 'stock-checked-out'
  | 'printer-paper';

export interface ReadinessItem {
  id: ReadinessItemId;
  label: OutreachText;
  /** What the station found, e.g. "3.214 penduduk desa Kijang Ulu" (Indonesian) / English. */
  detail: OutreachText;
  /** passed: the station checked it; failed: it did not; confirm: the leader confirms by hand. */
  state: 'passed' | 'failed' | 'confirm';
  /** For 'confirm' items: confirmed by the leader (name and time), else null. */
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export interface OutreachReadiness {
  items: ReadinessItem[];
  /** True when every item passed or was confirmed. */
  ready: boolean;
  checkedAt: string;
}

export type OutreachStockItem = 'blanko-ktp-el' | 'blanko-kia' | 'ribbon';

export interface OutreachStock {
  /** Per item: carried out, used, spoiled, returned, left at the event now. */
  items: Array<{
    item: OutreachStockItem;
    out: number;
    used: number;
    spoiled: number;
    returned: number;
    left: number;
  }>;
}

export type InvitationRule =
  'turning-17' | 'married-no-kk-update' | 'child-no-kia' | 'open-application';

/**
 * One person to invite. The NIK is masked (domain §6.3: officers call people by name; the list is
 * printed for the village head); `age` is on the event's last day.
 */
export interface InvitationEntry {
  nikMasked: string;
  name: string;
  sex: 'L' | 'P';
  age: number;
  villageCode: string;
  rt: string;
  rw: string;
  address: string;
  reasons: InvitationRule[];
}

/** The people of one RT of one village (one page group of the printed call list). */
export interface InvitationGroup {
  villageCode: string;
  villageName: string;
  rw: string;
  rt: string;
  entries: InvitationEntry[];
}

export interface InvitationList {
  eventId: string;
  /** The day ages are counted on: the event's last day. */
  asOf: string;
  /** By village, RW, RT; entries by name. */
  groups: InvitationGroup[];
  total: number;
  /** People per rule (one person may count under several). */
  counts: Record<InvitationRule, number>;
}

/** A service of one visit: its own application (or recording) and status. */
export type VisitServiceStatus = 'waiting' | 'in-progress' | 'done' | 'follow-up' | 'cancelled';

export interface VisitService {
  id: string;
  serviceCode: string;
  title: OutreachText;
  /** For whom (a child's name for a KIA), may differ from the visitor. */
  subjectName: string;
  subjectNik: string | null;
  /**
   * The subject's handle in this station's registry (registry search `ref`), when the NIK is
   * there: the recording flow opens the person directly with it.
   */
  subjectRef: string | null;
  status: VisitServiceStatus;
  applicationId: string | null;
  /** The linked application's number (OKI-...), for the desk and the hand-over sheet. */
  applicationNumber: string | null;
  recordingId: string | null;
  /** Why it follows later (follow-up) or was cancelled. */
  reason: string | null;
  finishedAt: string | null;
}

export type VisitStatus = 'waiting' | 'called' | 'serving' | 'done' | 'left';

export interface OutreachVisit {
  id: string;
  eventId: string;
  /** The queue number, e.g. "007", one per visit per event day. */
  number: string;
  name: string;
  nik: string | null;
  status: VisitStatus;
  /** The desk that called it (lan device desk name, e.g. "meja-2"), null before a call. */
  desk: string | null;
  arrivedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  services: VisitService[];
}

export interface OutreachVisitList {
  /** The calling connection's desk ("meja-2") and its label: its own visit has this desk. */
  desk: string;
  deskLabel: string;
  visits: OutreachVisit[];
}

/** What the queue display shows: the latest calls per desk, the numbers waiting. */
export interface QueueDisplayState {
  /** The running event, or null (then the display shows only that nothing runs). */
  eventId: string | null;
  eventName: string;
  desks: Array<{ desk: string; label: string; number: string | null; calledAt: string | null }>;
  recent: Array<{ number: string; desk: string; label: string; at: string }>;
  waiting: number;
}

/** The leader's live board (pushed as 'outreach-board' on every change). */
export interface OutreachBoard {
  eventId: string;
  day: string;
  waiting: number;
  serving: number;
  served: number;
  /** Mean minutes from arrival to call, of today's called visits; null before the first call. */
  averageWaitMinutes: number | null;
  byDesk: Array<{ desk: string; label: string; serving: string | null; served: number }>;
  byService: Array<{
    serviceCode: string;
    title: OutreachText;
    done: number;
    target: number;
    pending: number;
  }>;
  blanksLeft: Array<{ item: OutreachStockItem; left: number }>;
  updatedAt: string;
}

/** The figures of an end-of-day or whole-event report (stored when the leader confirms). */
export interface OutreachReportFigures {
  eventId: string;
  /** 'event' for the whole event, else one day YYYY-MM-DD. */
  scope: string;
  /** The station's time the figures were read (ISO). */
  generatedAt: string;
  /** People who arrived (visits) in the scope; `peopleServed` of them finished their visit. */
  visitors: number;
  peopleServed: number;
  services: Array<{
    serviceCode: string;
    title: OutreachText;
    total: number;
    male: number;
    female: number;
    /** Counts per age band label, e.g. "0-4", "5-15", "16-17", "18-59", "60+". */
    byAgeBand: Record<string, number>;
    medianMinutes: number | null;
    sameDay: number;
    /** Of `total`: finished (done) so far. */
    done: number;
  }>;
  firstTimeRecordings: number;
  prints: number;
  blanks: OutreachStock;
  /** Services not finished: queue number and day (numbers restart each day), no names. */
  pending: Array<{
    day: string;
    number: string;
    serviceCode: string;
    status: VisitServiceStatus;
    reason: string;
  }>;
  /** Share of services finished the same day, 0..1; null when nothing was asked. */
  sameDayShare: number | null;
}

export interface OutreachReportSummary {
  id: string;
  eventId: string;
  scope: string;
  /** 1 for the first confirmation of this scope; a later one adds the next (the latest counts). */
  version: number;
  /** The figures as confirmed. */
  figures: OutreachReportFigures;
  confirmedBy: string;
  confirmedAt: string;
  pdfSha256: string;
  /** True once the `outreach-event` record left in a packet. */
  sent: boolean;
}

/** Training: a synthetic event day (outreach-training-run). */
export interface OutreachTrainingArgs {
  eventId: string;
  visitors: number;
  /** Deterministic visitors and services for the same seed. */
  seed: number;
}

type Empty = Record<string, never>;

/**
 * The outreach handlers (merged into `Handlers`). Least roles: the plan, readiness, start, close
 * and report confirmation are 'supervisor'; arrivals, calls and desk work are 'operator'; the
 * queue display reads `outreach-display-get` with the display device's kiosk session.
 */
export interface OutreachHandlers {
  'outreach-event-list': { args: Empty; result: OutreachEventSummary[] };
  /** The choices of the plan form: villages by kecamatan, station accounts, services. */
  'outreach-event-options': { args: Empty; result: OutreachPlanOptions };
  'outreach-event-get': { args: { eventId: string }; result: OutreachEventDetail };
  /** Creates (no eventId) or replaces the plan of a 'planned' event. */
  'outreach-event-save': {
    args: { eventId: string | null; plan: OutreachEventPlan };
    result: OutreachEventDetail;
  };
  /** Starts the event; a failed readiness item needs `overrideReason` (10..500 characters). */
  'outreach-event-start': {
    args: { eventId: string; overrideReason: string | null };
    result: OutreachEventDetail;
  };
  /** Ends the event; what is left of the carried stock goes back to the office ledger. */
  'outreach-event-close': { args: { eventId: string }; result: OutreachEventDetail };
  /** The station re-checks every readiness item now. */
  'outreach-readiness-check': { args: { eventId: string }; result: OutreachReadiness };
  /** The leader confirms a 'confirm' item (printer paper). */
  'outreach-readiness-confirm': {
    args: { eventId: string; item: ReadinessItemId };
    result: OutreachReadiness;
  };
  /** Carries blanks/ribbon out of the office stock to the event (a transfer in the ledger). */
  'outreach-stock-checkout': {
    args: { eventId: string; item: OutreachStockItem; count: number };
    result: OutreachStock;
  };
  'outreach-invitations-list': {
    args: { eventId: string; rules: InvitationRule[] };
    result: InvitationList;
  };
  /** The call list as A4 PDF pages per RT, or CSV (base64 of the bytes). */
  'outreach-invitations-export': {
    args: { eventId: string; rules: InvitationRule[]; format: 'pdf' | 'csv' };
    result: { fileName: string; mimeType: string; base64: string };
  };
  /** A person arrives: one queue number for all the services they need. */
  'outreach-visit-arrive': {
    args: {
      eventId: string;
      name: string;
      nik: string | null;
      services: Array<{ serviceCode: string; subjectName: string; subjectNik: string | null }>;
    };
    result: OutreachVisit;
  };
  /** Today's visits of the event (arrival order) and which desk the calling connection is. */
  'outreach-visit-list': {
    args: { eventId: string; status: VisitStatus | null };
    result: OutreachVisitList;
  };
  'outreach-visit-get': { args: { visitId: string }; result: OutreachVisit };
  /** The calling desk (its paired desk name) takes the next waiting visit, or a given one. */
  'outreach-call-next': {
    args: { eventId: string; visitId: string | null };
    result: OutreachVisit | null;
  };
  /** Calls the same number again (announced again on the display). */
  'outreach-call-repeat': { args: { visitId: string }; result: OutreachVisit };
  /** Links a service of the visit to the application/recording the desk made for it. */
  'outreach-visit-service-link': {
    args: { serviceId: string; applicationId: string | null; recordingId: string | null };
    result: OutreachVisit;
  };
  'outreach-visit-service-set': {
    args: { serviceId: string; status: VisitServiceStatus; reason: string | null };
    result: OutreachVisit;
  };
  /** Ends the visit (every service done, follow-up or cancelled). */
  'outreach-visit-finish': { args: { visitId: string }; result: OutreachVisit };
  /** The hand-over sheet: what was given today and what follows (80 mm ticket or A4). */
  'outreach-visit-handover-print': {
    args: { visitId: string; paper: 'ticket-80mm' | 'a4' };
    result: { printed: boolean; pdfBase64: string | null };
  };
  'outreach-display-get': { args: Empty; result: QueueDisplayState };
  'outreach-board-get': { args: { eventId: string }; result: OutreachBoard };
  /** The report figures for a day or the whole event (not stored). */
  'outreach-report-get': {
    args: { eventId: string; scope: string };
    result: OutreachReportFigures;
  };
  /** The report as an A4 PDF with its charts (base64), for the screen and the leader to check. */
  'outreach-report-pdf': {
    args: { eventId: string; scope: string };
    result: { fileName: string; base64: string };
  };
  /** The leader confirms: stored, and queued as an `outreach-event` record for the district. */
  'outreach-report-confirm': {
    args: { eventId: string; scope: string };
    result: OutreachReportSummary;
  };
  'outreach-report-list': { args: { eventId: string }; result: OutreachReportSummary[] };
  /** Training stations only: a whole synthetic event day of `visitors` people. */
  'outreach-training-run': {
    args: OutreachTrainingArgs;
    result: { visitors: number; services: number };
  };
}
