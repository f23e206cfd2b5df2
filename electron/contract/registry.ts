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
