/** DTOs of the resident registry (issue 3). Types only: the renderer uses `import type`. */

/** 1 = LAKI-LAKI, 2 = PEREMPUAN (domain §3.3). */
export type SexCode = 1 | 2;

/** One rule outcome. `code` is stable (the UI and logs key on it); messages are ready to show. */
export interface RegistryFinding {
  level: 'error' | 'warning';
  code: string;
  message: { id: string; en: string };
}

/** What the 16 digits of a NIK say (domain §1.1). */
export interface NikDecoded {
  /** 2 digits, e.g. 16. */
  provinceCode: string;
  /** 4 digits, e.g. 1602. */
  regencyCode: string;
  /** Kecamatan of first registration, 6 digits (e.g. 160205). */
  districtCode: string;
  sex: SexCode;
  /** Day of birth with the +40 for women removed. */
  day: number;
  month: number;
  /** Last two digits of the birth year; the century is not encoded. */
  yy: number;
  /** YYYY-MM-DD with the century inferred; null when the date cannot exist (29 Feb, non-leap). */
  birthDate: string | null;
  serial: string;
}

export interface NikCheckResult {
  /** False when there is any error; warnings never make a NIK invalid. */
  isValid: boolean;
  errors: RegistryFinding[];
  warnings: RegistryFinding[];
  /** Present only when the NIK is valid. */
  decoded: NikDecoded | null;
}

export interface NikCheckArgs {
  nik: string;
  /** Recorded biodata, YYYY-MM-DD, to compare with the date in the NIK. */
  birthDate?: string | undefined;
  sex?: SexCode | undefined;
}

/** A label in both UI languages (code lists, regions). */
export interface Labelled {
  code: number;
  label: string;
}

/**
 * One line of a search result. Numbers in lists are always masked (`160205********01`) except the
 * very number the officer typed: a list is read over the shoulder, the detail screen is not.
 */
export interface ResidentSummary {
  /** Opaque handle for registry-resident-get; never shown. */
  ref: string;
  nikMasked: string;
  kkMasked: string;
  name: string;
  sex: SexCode;
  birthPlace: string;
  birthDate: string;
  villageCode: string;
  villageName: string | null;
  districtName: string | null;
  /** SHDK label, e.g. 'KEPALA KELUARGA'. */
  relationship: string;
  /** 0..1, 1 for an exact match; results are sorted by it. */
  score: number;
  /** Why it matched: 'nik' | 'nik-prefix' | 'kk' | 'name' | 'name-fuzzy'. */
  matchedBy: 'nik' | 'nik-prefix' | 'kk' | 'name' | 'name-fuzzy';
}

export interface RegistrySearchArgs {
  /** Digits: NIK exact (16) or prefix (6..15), or KK (16, finds the members); else a name. */
  query: string;
  villageCode?: string | undefined;
  /** Kecamatan, 6 digits. */
  districtCode?: string | undefined;
  birthYearFrom?: number | undefined;
  birthYearTo?: number | undefined;
  sex?: SexCode | undefined;
  limit: number;
}

export interface RegistrySearchResult {
  items: ResidentSummary[];
  /** True when more rows matched than `limit`. */
  hasMore: boolean;
  tookMs: number;
}

/** The full record for the detail screen (operator and up; reading it is audited). */
export interface ResidentDetail {
  ref: string;
  nik: string;
  kkNumber: string;
  name: string;
  sex: SexCode;
  sexLabel: string;
  birthPlace: string;
  birthDate: string;
  /** Age in whole years on the station's current day (Asia/Jakarta). */
  age: number;
  religion: Labelled;
  education: Labelled;
  occupation: Labelled;
  maritalStatus: Labelled;
  /** 'KAWIN TERCATAT', 'KAWIN BELUM TERCATAT', ... as printed. */
  maritalLabel: string;
  marriageDate: string | null;
  relationship: Labelled;
  bloodGroup: Labelled;
  /** Protected (UU 24/2013 Ps 84): null unless the role may see it (supervisor and up). */
  disability: Labelled | null;
  citizenship: 'WNI' | 'WNA';
  passportNo: string | null;
  kitapNo: string | null;
  fatherName: string | null;
  motherName: string | null;
  birthCertNo: string | null;
  address: FamilyAddress;
  isAlive: boolean;
  /** NIK findings of the stored record (e.g. a birth date that differs from the NIK). */
  nikWarnings: RegistryFinding[];
  updatedAt: string;
  source: string;
}

export interface FamilyAddress {
  address: string;
  rt: string;
  rw: string;
  dusun: string | null;
  villageCode: string;
  villageName: string | null;
  districtName: string | null;
  regencyName: string | null;
  provinceName: string | null;
  postalCode: string | null;
}

/** One member row of the KK view: both column groups of domain §3.2. */
export interface FamilyMember {
  ref: string;
  no: number;
  name: string;
  nik: string;
  sexLabel: string;
  birthPlace: string;
  birthDate: string;
  religion: string;
  education: string;
  occupation: string;
  bloodGroup: string;
  maritalLabel: string;
  marriageDate: string | null;
  relationship: string;
  citizenship: 'WNI' | 'WNA';
  passportNo: string | null;
  kitapNo: string | null;
  fatherName: string | null;
  motherName: string | null;
}

/** A KK as the card shows it, plus the membership history that the card itself does not. */
export interface FamilyCard {
  kkNumber: string;
  headName: string | null;
  address: FamilyAddress;
  issuedAt: string | null;
  members: FamilyMember[];
  /** Earlier and later KK numbers of these members (from family_memberships), newest first. */
  history: Array<{
    nik: string;
    name: string;
    kkNumber: string;
    from: string;
    until: string | null;
    reason: string;
  }>;
  /** Family rule findings (e.g. no head, two heads). */
  findings: RegistryFinding[];
}

/** 'cancelling': a cancel is rolling the import back right now (not final, keep polling). */
export type ImportStatus =
  'uploading' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed' | 'interrupted';

export interface ImportSummary {
  importId: string;
  fileName: string;
  sizeBytes: number;
  status: ImportStatus;
  startedAt: string | null;
  finishedAt: string | null;
  startedBy: string | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rows accepted with a warning (e.g. NIK birth date differs from TGL_LHR). */
  rowsWarned: number;
  /** Accepted rows that inserted or changed a record; 0 when the same file is imported again. */
  rowsChanged: number;
  /** Plain Bahasa Indonesia message when failed/interrupted, with what to do. */
  message: string | null;
}

export interface ImportReject {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  nik: string | null;
  code: string;
  message: { id: string; en: string };
}
