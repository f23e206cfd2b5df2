import type { SyncSettings } from '../../../../electron/contract';

/**
 * Pure helpers of the sync, enrolment and verify screens (no $state, no i18n: Node tests run
 * them as they are). Texts are chosen here as i18n key suffixes; the components translate them.
 */

/** What a problem means for the officer; every group has one sentence with what to do. */
export type ProblemGroup =
  | 'NETWORK'
  | 'NOT_THE_HUB'
  | 'UNKNOWN_STATION'
  | 'BAD_RECEIPT'
  | 'BAD_UPDATES'
  | 'NOT_ENROLLED'
  | 'SYNC_RUNNING'
  | 'CLOCK_SKEW'
  | 'HUB_CERT'
  | 'HUB_CERT_DATE'
  | 'KEYS'
  | 'DAMAGED'
  | 'INTERRUPTED'
  | 'HUB_ERROR'
  | 'VERSION'
  | 'UNKNOWN_PACKET'
  | 'NOT_JSON'
  | 'FOLDER_IS_DATA'
  | 'NOT_A_FOLDER'
  | 'FOLDER_UNAVAILABLE'
  | 'PATH_NOT_ABSOLUTE'
  | 'UNSAFE_DRIVE'
  | 'OTHER';

const GROUPS: Record<string, ProblemGroup> = {
  NETWORK: 'NETWORK',
  NOT_THE_HUB: 'NOT_THE_HUB',
  UNKNOWN_STATION: 'UNKNOWN_STATION',
  BAD_RECEIPT: 'BAD_RECEIPT',
  BAD_UPDATES: 'BAD_UPDATES',
  NOT_ENROLLED: 'NOT_ENROLLED',
  SYNC_RUNNING: 'SYNC_RUNNING',
  CLOCK_SKEW: 'CLOCK_SKEW',
  // The hub's HTTPS certificate (electron/core/sync/upload.ts, tlsProblem): never ignored.
  HUB_CERT_NAME: 'HUB_CERT',
  HUB_CERT_UNTRUSTED: 'HUB_CERT',
  HUB_TLS: 'HUB_CERT',
  HUB_CERT_EXPIRED: 'HUB_CERT_DATE',
  // The hub no longer accepts the station's key, or the packet is sealed to another district key.
  BAD_SIGNATURE: 'KEYS',
  NOT_SIGNED: 'KEYS',
  NOT_FOR_THIS_RECIPIENT: 'KEYS',
  // Damaged bytes: the station rebuilds the packet from the outbox by itself.
  HASH_MISMATCH: 'DAMAGED',
  DECRYPT_FAILED: 'DAMAGED',
  TRUNCATED: 'DAMAGED',
  BAD_STRUCTURE: 'DAMAGED',
  FILE_CHANGED: 'DAMAGED',
  BAD_MAGIC: 'DAMAGED',
  BAD_HEADER: 'DAMAGED',
  BAD_MANIFEST: 'DAMAGED',
  UNREADABLE: 'DAMAGED',
  // A cut upload: the next try resumes where the hub stopped.
  WRONG_OFFSET: 'INTERRUPTED',
  INCOMPLETE: 'INTERRUPTED',
  NOT_ANNOUNCED: 'INTERRUPTED',
  PACKET_ID_REUSED: 'INTERRUPTED',
  // A request the hub saw already, or a body changed on the way: the next try signs afresh.
  REPLAYED: 'INTERRUPTED',
  BODY_MISMATCH: 'INTERRUPTED',
  INTERNAL: 'HUB_ERROR',
  TOO_LARGE: 'HUB_ERROR',
  TOO_LONG: 'HUB_ERROR',
  NO_ROUTE: 'HUB_ERROR',
  BAD_OFFSET: 'HUB_ERROR',
  BAD_AFTER: 'HUB_ERROR',
  BUSY: 'HUB_ERROR',
  UNSUPPORTED_VERSION: 'VERSION',
  UNKNOWN_PACKET: 'UNKNOWN_PACKET',
  NOT_JSON: 'NOT_JSON',
  FOLDER_IS_DATA: 'FOLDER_IS_DATA',
  NOT_A_FOLDER: 'NOT_A_FOLDER',
  FOLDER_UNAVAILABLE: 'FOLDER_UNAVAILABLE',
  PATH_NOT_ABSOLUTE: 'PATH_NOT_ABSOLUTE',
  // A link, FIFO, device or oversized file on the drive: never opened (drive-files.ts).
  DRIVE_LINK: 'UNSAFE_DRIVE',
  DRIVE_NOT_FILE: 'UNSAFE_DRIVE',
  DRIVE_NOT_FOLDER: 'UNSAFE_DRIVE',
  DRIVE_TOO_LARGE: 'UNSAFE_DRIVE',
};

/** The group of a core or hub reason; an HTTP status without the hub's JSON reason by its class. */
export function problemGroup(reason: string): ProblemGroup {
  const known = GROUPS[reason];
  if (known) return known;
  const http = /^HTTP_(\d{3})$/.exec(reason);
  if (http) return Number(http[1]) >= 500 ? 'HUB_ERROR' : 'NOT_THE_HUB';
  return 'OTHER';
}

export type AgeUnit = 'minutes' | 'hours' | 'days' | 'justNow';

/** How long ago `fromIso` was, in the largest whole unit an officer reads at a glance. */
export function ageOf(fromIso: string, now: Date): { unit: AgeUnit; n: number } | null {
  const from = Date.parse(fromIso);
  if (!Number.isFinite(from)) return null;
  const minutes = Math.floor(Math.max(0, now.getTime() - from) / 60_000);
  if (minutes < 1) return { unit: 'justNow', n: 0 };
  if (minutes < 60) return { unit: 'minutes', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', n: hours };
  return { unit: 'days', n: Math.floor(hours / 24) };
}

export type SettingsField = keyof SyncSettings;
export type SettingsForm = Record<SettingsField, string>;

/** Why a typed setting is refused; the same bounds as the core's sync-settings-set schema. */
export type SettingsProblem = 'notWhole' | 'range' | 'blockBeforeWarn';

export const SETTINGS_BOUNDS: Record<SettingsField, { min: number; max: number }> = {
  warnDays: { min: 1, max: 60 },
  blockDays: { min: 1, max: 90 },
  minFreeMb: { min: 100, max: 100_000 },
  retentionDays: { min: 0, max: 365 },
};

export const SETTINGS_FIELDS = Object.keys(SETTINGS_BOUNDS) as SettingsField[];

export function settingsForm(settings: SyncSettings): SettingsForm {
  return {
    warnDays: String(settings.warnDays),
    blockDays: String(settings.blockDays),
    minFreeMb: String(settings.minFreeMb),
    retentionDays: String(settings.retentionDays),
  };
}

/** The settings to send, or the problem of each field that is wrong (nothing is sent then). */
export function checkSettings(
  form: SettingsForm,
):
  | { ok: true; value: SyncSettings }
  | { ok: false; problems: Partial<Record<SettingsField, SettingsProblem>> } {
  const problems: Partial<Record<SettingsField, SettingsProblem>> = {};
  const value = {} as SyncSettings;
  for (const field of SETTINGS_FIELDS) {
    const text = form[field].trim();
    const { min, max } = SETTINGS_BOUNDS[field];
    if (!/^[0-9]{1,6}$/.test(text)) problems[field] = 'notWhole';
    else if (Number(text) < min || Number(text) > max) problems[field] = 'range';
    value[field] = Number(text);
  }
  if (!problems.warnDays && !problems.blockDays && value.blockDays < value.warnDays)
    problems.blockDays = 'blockBeforeWarn';
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Document kinds the district issues, as the verify screen names them (others shown as sent). */
export const DOCUMENT_KINDS = [
  'kk',
  'biodata',
  'akta-kelahiran',
  'akta-kematian',
  'surat-pindah',
  'kia',
  'ktp-el',
] as const;
export type DocumentKindName = (typeof DOCUMENT_KINDS)[number];

export function isKnownKind(kind: string): kind is DocumentKindName {
  return (DOCUMENT_KINDS as readonly string[]).includes(kind);
}

/** The percentage of a progress push, or null while the total is unknown. */
export function percentOf(done: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** A key fingerprint in groups of four, easier to read aloud over a phone ("3F2A 91C0 …"). */
export function fingerprintGroups(id: string): string {
  return (id.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

export type EnrolmentProblem = 'NOT_AN_ANSWER' | 'BAD_SIGNATURE' | 'OTHER_UNIT' | 'BAD_HUB_URL';
const ENROLMENT_PROBLEMS: readonly string[] = [
  'NOT_AN_ANSWER',
  'BAD_SIGNATURE',
  'OTHER_UNIT',
  'BAD_HUB_URL',
];

function isEnrolmentProblem(reason: string): reason is EnrolmentProblem {
  return ENROLMENT_PROBLEMS.includes(reason);
}

/** The enrolment answer's refusal the screen explains, or null for any other failure. */
export function enrolmentProblem(reason: string | undefined): EnrolmentProblem | null {
  return reason !== undefined && isEnrolmentProblem(reason) ? reason : null;
}
