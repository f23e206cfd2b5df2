/**
 * DTOs of the kiosk service catalogue (issue 4; resources/data/catalogue.json, docs/kiosk-catalogue.md).
 * References in the file are resolved by the core, so a screen never looks anything up. Types only.
 */

/** Every text a citizen reads, in Bahasa Indonesia and English. */
export interface LocalText {
  id: string;
  en: string;
}

/**
 * Where a fact comes from. `verified` is false for what the domain reference marks 🟡 (secondary
 * sources only) or ❓ (not verified); `source` says which, so the UI and reviewers can tell.
 */
export interface Provenance {
  verified: boolean;
  source: string;
}

/** required: always; optional: helps, never blocks; conditional: only when `condition` holds. */
export type Need = 'required' | 'optional' | 'conditional';

export interface CatalogueNotice extends Provenance {
  code: string;
  text: LocalText;
}

export interface CatalogueForm extends Provenance {
  /** Form code as printed, e.g. "F-1.02". */
  code: string;
  title: LocalText;
}

/**
 * show: the citizen shows the original and keeps it; hand-in: the original is withdrawn (a damaged
 * card, an old card swapped for a new one, printed photos); none: nothing to bring (filled in here).
 */
export type BringOriginal = 'show' | 'hand-in' | 'none';

export interface CatalogueRequirement {
  code: string;
  kind: 'document' | 'form' | 'in-person';
  label: LocalText;
  hint: LocalText | null;
  need: Need;
  /** Set exactly when `need` is 'conditional'. */
  condition: LocalText | null;
  bringOriginal: BringOriginal;
  /** The kiosk photographs this document with the webcam (domain §3.4: photos of originals). */
  isPhotographedAtKiosk: boolean;
  /** The form this requirement is filled in on, when it is a form. */
  form: CatalogueForm | null;
  /** Requirements that may replace this one (an SPTJM instead of a missing document). */
  alternatives: { code: string; label: LocalText }[];
}

export type CatalogueFieldType =
  'nik' | 'kk' | 'text' | 'date' | 'select' | 'choice' | 'region' | 'phone';

export interface CatalogueField {
  code: string;
  type: CatalogueFieldType;
  label: LocalText;
  hint: LocalText | null;
  need: Need;
  condition: LocalText | null;
  /** For 'select': a list of resources/data/code-lists.json (labels as printed on documents). */
  codeList: string | null;
  /** For 'choice': answers defined by the catalogue itself. */
  options: { value: string; label: LocalText }[];
  validation: {
    minLength: number | null;
    maxLength: number | null;
    /** A JavaScript regular expression the whole answer must match. */
    pattern: string | null;
    /** For 'date': today or earlier. */
    isNotInFuture: boolean;
  };
}

export interface CatalogueService extends Provenance {
  code: string;
  groupCode: string;
  title: LocalText;
  summary: LocalText;
  explanation: LocalText;
  eligibility: (Provenance & { text: LocalText })[];
  requirements: CatalogueRequirement[];
  fields: CatalogueField[];
  forms: CatalogueForm[];
  legalBasis: string;
  /** Concerns a child: specific personal data under UU 27/2022 (domain §6). */
  hasChildData: boolean;
  /**
   * Approving it changes an existing resident's registry data (address, family, status): an
   * operator's approval waits for a supervisor (docs/desk-verification.md).
   */
  changesResident: boolean;
}

export interface CatalogueGroup {
  code: string;
  queueLetter: string;
  icon: string;
  /** application: services with a wizard; status-check: the receipt look-up, no services. */
  kind: 'application' | 'status-check';
  title: LocalText;
  summary: LocalText;
  services: CatalogueService[];
}

export interface KioskCatalogue {
  version: number;
  /** Always 0: adminduk services are free (UU 24/2013 Ps 79A). */
  fee: 0;
  freeOfCharge: Provenance & { text: LocalText; legalBasis: string };
  notices: CatalogueNotice[];
  groups: CatalogueGroup[];
}

/** One answer of a `select` field: the code and its label as printed on documents. */
export interface CodeListOption {
  /** The code as text (numbers too), the form the wizard submits. */
  value: string;
  label: string;
}

/** The printed code lists the wizard's `select` fields name (`CatalogueField.codeList`). */
export type KioskCodeLists = Record<string, { title: LocalText; options: CodeListOption[] }>;

export interface VillageOption {
  /** Kemendagri code without dots, 10 digits. */
  code: string;
  name: string;
  /** 'desa' (2xxx) or 'kelurahan' (1xxx), as the code says. */
  kind: 'desa' | 'kelurahan';
  districtCode: string;
  districtName: string;
}

/** The villages of the station's regency for the wizard's address picker, current codes only. */
export interface KioskVillages {
  /** The station's own village, offered first. */
  unitVillageCode: string;
  regencyName: string;
  villages: VillageOption[];
}

/**
 * The identify step: NIK and No. KK as typed. Known only when both belong to one family in the
 * station's registry; a mismatch answers exactly like an unknown person, so a kiosk cannot be
 * used to find out whether a NIK exists.
 */
export interface KioskIdentity {
  isKnown: boolean;
  /** First name and initials for the greeting ("SITI A."); null when unknown. */
  greetingName: string | null;
  /**
   * Answers by catalogue field code (pemohon-nama, alamat-*), only for known residents; a card tap
   * also fills pemohon-nik and pemohon-no-kk.
   */
  prefill: Record<string, string>;
}

/** One answer checked by the same rules as the submit, so the wizard can tell at once. */
export interface FieldCheckResult {
  isValid: boolean;
  /** The submit's reason (INVALID_NIK, TOO_LONG ...) when not valid. */
  reason: string | null;
  /** A sentence for the citizen when the rule has one (the NIK and KK rules do). */
  message: LocalText | null;
}

/** A KTP-el chip UID bound to a resident on this station (domain §5.5: no SAM, UID only). */
export interface CardBinding {
  /** Upper-case hex, 8, 14 or 20 characters (4, 7 or 10 bytes). */
  uid: string;
  maskedNik: string;
  boundAt: string;
  boundBy: string | null;
}
