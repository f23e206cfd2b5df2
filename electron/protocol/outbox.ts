import type { OutreachReportFigures, StockMovement } from '../contract';

/**
 * The outbox records a station sends and the hub stores (docs/sync-packets.md, "Records"): for
 * each aggregate its payload, as the station writes it (station names; the packet line carries it
 * under SIAK names, siak-names.ts), and where its attachments come from. Writers, the packet
 * builder and the hub's record checks all read this one map.
 */

/** A photo an application record names by hash; its bytes travel as an attachment. */
export interface OutboxPhoto {
  requirement_code: string;
  mime: 'image/jpeg';
  sha256: string;
  size: number;
  width: number;
  height: number;
  taken_at: string;
}

/** The application as submitted at the kiosk or the desk, with its photos named by hash. */
export interface ApplicationSubmitted {
  id: string;
  number: string;
  service_code: string;
  status: string;
  applicant_nik: string | null;
  applicant_kk: string | null;
  applicant_name: string | null;
  fields: Record<string, string>;
  channel: 'kiosk' | 'desk';
  created_at: string;
  unit_id: string;
  is_training: number;
  photos: OutboxPhoto[];
  consent: {
    application_id: string;
    version: string;
    text_sha256: string;
    language: string;
    accepted_at: string;
  };
  status_history: { status: string; at: string; actor: string }[];
  /**
   * Issue 15, optional (records written before it lack both): the registry entry of the person
   * the application is about, as this station's registry held it at submission; null when the
   * registry does not know them.
   */
  registry?: RegistrySnapshot | null;
  /** Issue 15, optional: the station catalogue's names for what the district shows. */
  display?: ApplicationDisplay;
}

/** A text in Bahasa Indonesia and English (as the station's catalogue holds it). */
export interface OutboxText {
  id: string;
  en: string;
}

/**
 * One person's registry entry under SIAK's names (siak-names.ts), coded values as printed on the
 * KK (code-list labels), dates as ISO days. Every key is upper case, so the packet builder's
 * renaming leaves it as it is.
 */
export interface RegistrySnapshot {
  NIK: string;
  NO_KK: string;
  NAMA_LGKP: string;
  JENIS_KLMIN: string;
  TMPT_LHR: string;
  TGL_LHR: string;
  AGAMA: string;
  PDDK_AKH: string;
  JENIS_PKRJN: string;
  STAT_KWN: string;
  STAT_HBKEL: string;
  GOL_DRH: string;
  WARGA_NEGARA: string;
  NAMA_LGKP_AYAH: string | null;
  NAMA_LGKP_IBU: string | null;
  /** 'HIDUP' or 'MENINGGAL'. */
  STAT_HIDUP: string;
  /** The family's address (null when the KK is not in the station's registry). */
  ALAMAT: string | null;
  NO_RT: string | null;
  NO_RW: string | null;
  DUSUN: string | null;
  NO_KEL: string | null;
  NAMA_KEL: string | null;
  /**
   * What the application would change on this entry, as the station's desk compares it
   * (docs/desk-verification.md, "Resident changes"): the element (a key above, or `LAINNYA`),
   * its label, the current value and the proposed one.
   */
  PERUBAHAN: { ELEMEN: string; LABEL: OutboxText; LAMA: string | null; BARU: string }[];
}

/** The station catalogue's names for the service, answers and requirements, and the village. */
export interface ApplicationDisplay {
  service: OutboxText;
  /** Each answer's question and its readable value (dates, code-list labels, village names). */
  fields: { code: string; label: OutboxText; value: string }[];
  /** The service's requirement lines (and alternatives) with their labels. */
  requirements: { code: string; label: OutboxText }[];
  /** The applicant's village: the address answer, else the family's in the registry; null: none. */
  village: {
    NO_KEL: string;
    NAMA_KEL: string | null;
    NO_KEC: string;
    NAMA_KEC: string | null;
  } | null;
}

/** A desk decision on an application, with the checklist as it stood. */
export interface ApplicationDecided {
  number: string;
  serviceCode: string;
  status: string;
  at: string;
  actor: string;
  reason: string | null;
  checks: {
    requirementCode: string;
    state: string;
    note: string | null;
    by: string;
    at: string;
  }[];
}

/** A desk step that is not a decision (claim, release, one checklist line) and its detail. */
export type ApplicationActivity = {
  number: string;
  action: string;
  at: string;
  actor: string;
} & Record<string, unknown>;

/** A KTP-el recording as made, under SIAK names; its portrait and signature are attachments. */
export interface RecordingCreated {
  event: 'created';
  ID_REKAM: string;
  NIK: string | null;
  NO_PERMOHONAN_ID: string | null;
  NAMA_LGKP: string;
  TGL_LHR: string;
  WARGA_NEGARA: string;
  STATUS_REKAM: 'direkam';
  IS_PEMULA: boolean;
  TGL_REKAM: string;
  PETUGAS_REKAM: string;
  KODE_UNIT: string;
  FOTO: { SHA256: string; BYTES: number; WARNA_LATAR: string };
  FOTO_CEK: readonly object[];
  FOTO_ALASAN_LEWATI: string | null;
  TTD: { GORESAN: number; TITIK: number };
  BIOMETRIK: { SIDIK_JARI: boolean; IRIS: boolean; OLEH: string; WAKTU: string };
}

/** A recording's later status (desk, district or training), with the move's own detail. */
export type RecordingStatusChanged = {
  ID_REKAM: string;
  NIK: string | null;
  STATUS_REKAM: string;
  TGL_STATUS: string;
  PETUGAS: string;
  SUMBER: string;
  KETERANGAN: string | null;
} & Record<string, unknown>;

/** One movement of the unit's blanks stock (its id is the record's aggregate id). */
export type StockMoved = Omit<StockMovement, 'id'> & { unitId: string };

/**
 * An outreach event's report as its leader confirmed it (issue 16; docs/outreach-report.md): the
 * event's summary and the figures (counts only: no visitor's name or NIK), one record per
 * confirmed version; its A4 PDF travels as an attachment. Keys avoid the person-field names
 * siak-names.ts renames (`name`, `villageCode`).
 */
export interface OutreachEventReported {
  reportId: string;
  eventId: string;
  /** 'event' or a day YYYY-MM-DD. */
  scope: string;
  /** 1, 2, ... per event and scope; the highest counts. */
  version: number;
  confirmedBy: string;
  confirmedAt: string;
  isTraining: boolean;
  event: {
    title: string;
    venue: string;
    status: string;
    days: string[];
    villages: { code: string; title: string }[];
    kecamatan: { code: string; title: string };
    startedAt: string | null;
    closedAt: string | null;
  };
  figures: OutreachReportFigures;
  pdf: { sha256: string; size: number };
}

/**
 * Where a record's attachments are found at the station: an application photo by its hash, the
 * portrait and signature stored with a recording, or a confirmed outreach report's PDF.
 */
export type AttachmentSource =
  | { from: 'application-photo'; role: string; sha256: string; size: number; mime: 'image/jpeg' }
  | { from: 'recording-images' }
  | {
      from: 'outreach-report-pdf';
      reportId: string;
      sha256: string;
      size: number;
      mime: 'application/pdf';
    };

interface RecordKind<P> {
  attachments(payload: P): AttachmentSource[];
}

const kind = <P>(attachments: (payload: P) => AttachmentSource[] = () => []): RecordKind<P> => ({
  attachments,
});

/** Every aggregate a station sends: its payload type and where its attachments are found. */
export const OUTBOX = {
  application: kind<ApplicationSubmitted | ApplicationDecided>((payload) =>
    // The submit record names its photos with hash and size: no blob is read until it is
    // written (a photo read costs as much as its bytes; each is read exactly once per packet).
    'photos' in payload
      ? payload.photos.map((p) => ({
          from: 'application-photo',
          role: p.requirement_code,
          sha256: p.sha256,
          size: p.size,
          mime: p.mime,
        }))
      : [],
  ),
  'application-activity': kind<ApplicationActivity>(),
  // The recording's creation carries its portrait and signature image (protected data,
  // UU 24/2013 Ps 84: only ever inside an encrypted packet).
  recording: kind<RecordingCreated | RecordingStatusChanged>((payload) =>
    payload.event === 'created' ? [{ from: 'recording-images' }] : [],
  ),
  stock: kind<StockMoved>(),
  'outreach-event': kind<OutreachEventReported>((payload) => [
    {
      from: 'outreach-report-pdf',
      reportId: payload.reportId,
      sha256: payload.pdf.sha256,
      size: payload.pdf.size,
      mime: 'application/pdf',
    },
  ]),
} as const;

export type Aggregate = keyof typeof OUTBOX;

/** The payload of an aggregate's records, as the station writes it. */
export type OutboxPayload<A extends Aggregate> =
  (typeof OUTBOX)[A] extends RecordKind<infer P> ? P : never;

/** One outbox record before it is stored (its sequence number is the station's). */
export interface OutboxEntry<A extends Aggregate = Aggregate> {
  id: string;
  aggregate: A;
  aggregateId: string;
  op: 'upsert' | 'delete';
  payload: OutboxPayload<A>;
  at: string;
}

export function isAggregate(name: unknown): name is Aggregate {
  return typeof name === 'string' && Object.hasOwn(OUTBOX, name);
}

/**
 * The attachments of a stored record (payload as JSON text); none for an aggregate this version
 * does not know.
 */
export function attachmentSources(aggregate: string, payload: string): AttachmentSource[] {
  if (!isAggregate(aggregate)) return [];
  const record = OUTBOX[aggregate] as RecordKind<OutboxPayload<Aggregate>>;
  return record.attachments(JSON.parse(payload) as OutboxPayload<Aggregate>);
}
