import type { NikCheckResult, NikDecoded, RegistryFinding, SexCode } from '../../contract/registry';

/**
 * Offline NIK and No. KK checks (domain §1.2, §1.4). A NIK has no check digit, so only structure
 * and plausibility can be checked. Anything that real, valid NIKs can show (a kecamatan code that
 * was since split or renumbered, a birth date corrected after the NIK was issued) is a warning,
 * never an error: a NIK is never reissued.
 */

/** The 38 province codes of Kepmendagri 300.2.2-2138/2025 (domain §1.1, §2.2). */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19', '21'],
  ...['31', '32', '33', '34', '35', '36', '51', '52', '53'],
  ...['61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76'],
  ...['81', '82', '91', '92', '93', '94', '95', '96'],
]);

export interface NikCheckOptions {
  /** True when a 6-digit kecamatan code is in the region table, current or historic. */
  regionExists?: ((districtCode: string) => boolean) | undefined;
  /** Recorded birth date (biodata), YYYY-MM-DD. */
  birthDate?: string | undefined;
  sex?: SexCode | undefined;
  /** Local calendar day, YYYY-MM-DD; decides the century when the biodata cannot. */
  today: string;
}

export type KkCheckResult = Omit<NikCheckResult, 'decoded'>;

const ASCII_DIGITS = /^[0-9]*$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function error(code: string, id: string, en: string): RegistryFinding {
  return { level: 'error', code, message: { id, en } };
}

function warning(code: string, id: string, en: string): RegistryFinding {
  return { level: 'warning', code, message: { id, en } };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** A real calendar date as numbers, or null. */
export function parseIsoDay(text: string): { year: number; month: number; day: number } | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const max = month === 2 && !isLeapYear(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max ? { year, month, day } : null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The shared first step for NIK and KK: exactly 16 ASCII digits (no Unicode digits, spaces). */
function checkDigits(value: string, label: 'NIK' | 'KK'): RegistryFinding[] {
  const found: RegistryFinding[] = [];
  const length = [...value].length;
  const name = label === 'NIK' ? 'NIK' : 'Nomor KK';
  if (!ASCII_DIGITS.test(value)) {
    found.push(
      error(
        `${label}_DIGITS`,
        `${name} hanya boleh berisi angka 0–9, tanpa spasi, titik, atau huruf.`,
        `The ${label} may contain only the digits 0–9, without spaces, dots or letters.`,
      ),
    );
  }
  if (length !== 16) {
    found.push(
      error(
        `${label}_LENGTH`,
        `${name} harus 16 angka; yang diisi ${length} karakter.`,
        `The ${label} must have 16 digits; ${length} characters were entered.`,
      ),
    );
  }
  return found;
}

function checkProvince(value: string, label: 'NIK' | 'KK'): RegistryFinding[] {
  const code = value.slice(0, 2);
  if (PROVINCE_CODES.has(code)) return [];
  return [
    error(
      `${label}_PROVINCE`,
      `Kode provinsi ${code} (2 angka pertama ${label === 'NIK' ? 'NIK' : 'nomor KK'}) tidak ada.`,
      `Province code ${code} (the first 2 digits of the ${label}) does not exist.`,
    ),
  ];
}

function districtWarning(value: string, label: 'NIK' | 'KK'): RegistryFinding {
  const code = value.slice(0, 6);
  const dotted = `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}`;
  return warning(
    `${label}_DISTRICT_UNKNOWN`,
    `Kode kecamatan ${dotted} tidak ada di tabel wilayah saat ini. Kode lama (kecamatan yang ` +
      `sudah dimekarkan atau dipindah) tetap sah: periksa dokumen aslinya.`,
    `District code ${dotted} is not in the current region table. Old codes (districts since ` +
      `split or moved) stay valid: check the original document.`,
  );
}

/** Hard errors of §1.2: structure, province, regency, district, date, serial. */
function structuralErrors(nik: string): RegistryFinding[] {
  const found = checkProvince(nik, 'NIK');
  const regency = Number(nik.slice(2, 4));
  if (regency === 0 || regency === 70) {
    found.push(
      error(
        'NIK_REGENCY',
        `Kode kabupaten/kota ${nik.slice(2, 4)} (angka ke-3 dan ke-4 NIK) tidak mungkin: ` +
          `kabupaten 01–69, kota 71–99.`,
        `Regency code ${nik.slice(2, 4)} (digits 3–4) is impossible: regencies 01–69, cities 71–99.`,
      ),
    );
  }
  if (nik.slice(4, 6) === '00') {
    found.push(
      error(
        'NIK_DISTRICT',
        'Kode kecamatan 00 (angka ke-5 dan ke-6 NIK) tidak mungkin.',
        'District code 00 (digits 5–6) is impossible.',
      ),
    );
  }
  const [rawDay, month] = [Number(nik.slice(6, 8)), Number(nik.slice(8, 10))];
  const isDayValid = (rawDay >= 1 && rawDay <= 31) || (rawDay >= 41 && rawDay <= 71);
  const isMonthValid = month >= 1 && month <= 12;
  if (!isDayValid) {
    found.push(
      error(
        'NIK_DAY',
        `Tanggal lahir ${nik.slice(6, 8)} (angka ke-7 dan ke-8 NIK) tidak mungkin: ` +
          `laki-laki 01–31, perempuan 41–71 (tanggal + 40).`,
        `Birth day ${nik.slice(6, 8)} (digits 7–8) is impossible: men 01–31, women 41–71 (day + 40).`,
      ),
    );
  }
  if (!isMonthValid) {
    found.push(
      error(
        'NIK_MONTH',
        `Bulan lahir ${nik.slice(8, 10)} (angka ke-9 dan ke-10 NIK) harus 01–12.`,
        `Birth month ${nik.slice(8, 10)} (digits 9–10) must be 01–12.`,
      ),
    );
  }
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  // 29 Feb is allowed here: the century, and so the leap year, is not in the NIK.
  if (isDayValid && isMonthValid && day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
    found.push(
      error(
        'NIK_DATE_IMPOSSIBLE',
        `Tanggal lahir ${pad(day)}-${pad(month)} pada NIK tidak ada di kalender.`,
        `Birth date ${pad(day)}-${pad(month)} in the NIK does not exist.`,
      ),
    );
  }
  if (nik.slice(12) === '0000') {
    found.push(
      error(
        'NIK_SERIAL',
        'Nomor urut 0000 (4 angka terakhir NIK) tidak dipakai; nomor urut mulai dari 0001.',
        'Serial 0000 (the last 4 digits) is never issued; serials start at 0001.',
      ),
    );
  }
  return found;
}

/** Latest century that does not put the birth date after today (e.g. yy 98 in 2026 → 1998). */
function inferYear(yy: number, month: number, day: number, today: string): number {
  const todayYear = Number(today.slice(0, 4));
  const year = Math.floor(todayYear / 100) * 100 + yy;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}` > today ? year - 100 : year;
}

export function validateNik(nik: string, options: NikCheckOptions): NikCheckResult {
  if (!parseIsoDay(options.today))
    throw new RangeError(`today must be YYYY-MM-DD: ${options.today}`);
  const shapeErrors = checkDigits(nik, 'NIK');
  const errors = shapeErrors.length > 0 ? shapeErrors : structuralErrors(nik);
  if (errors.length > 0) return { isValid: false, errors, warnings: [], decoded: null };

  const warnings: RegistryFinding[] = [];
  const districtCode = nik.slice(0, 6);
  if (options.regionExists && !options.regionExists(districtCode)) {
    warnings.push(districtWarning(nik, 'NIK'));
  }
  const rawDay = Number(nik.slice(6, 8));
  const sex: SexCode = rawDay > 40 ? 2 : 1;
  const day = sex === 2 ? rawDay - 40 : rawDay;
  const [month, yy] = [Number(nik.slice(8, 10)), Number(nik.slice(10, 12))];
  const nikDate = `${pad(day)}-${pad(month)}-${pad(yy)}`;

  let year = inferYear(yy, month, day, options.today);
  if (options.birthDate !== undefined) {
    const bio = parseIsoDay(options.birthDate);
    if (!bio) {
      warnings.push(
        warning(
          'NIK_BIODATA_DATE_INVALID',
          `Tanggal lahir biodata "${options.birthDate}" bukan tanggal yang sah; tidak dibandingkan.`,
          `The recorded birth date "${options.birthDate}" is not a valid date; not compared.`,
        ),
      );
    } else {
      // The biodata decides the century whenever its last two digits agree with the NIK.
      if (bio.year % 100 === yy) year = bio.year;
      if (bio.day !== day || bio.month !== month || bio.year % 100 !== yy) {
        const bioDate = `${pad(bio.day)}-${pad(bio.month)}-${pad(bio.year, 4)}`;
        warnings.push(
          warning(
            'NIK_BIRTHDATE_MISMATCH',
            `Tanggal lahir pada NIK (${nikDate}) berbeda dengan biodata (${bioDate}). NIK tidak ` +
              `berubah walau tanggal lahir dikoreksi; periksa akta kelahiran.`,
            `The birth date in the NIK (${nikDate}) differs from the biodata (${bioDate}). A NIK ` +
              `is not changed when a birth date is corrected; check the birth certificate.`,
          ),
        );
      }
    }
  }
  if (options.sex !== undefined && options.sex !== sex) {
    const [nikSex, bioSex] = sex === 2 ? ['PEREMPUAN', 'LAKI-LAKI'] : ['LAKI-LAKI', 'PEREMPUAN'];
    warnings.push(
      warning(
        'NIK_SEX_MISMATCH',
        `Menurut NIK orang ini ${nikSex} (tanggal ${sex === 2 ? '+ 40' : 'tanpa + 40'}), ` +
          `tetapi biodata mencatat ${bioSex}. Periksa dokumen.`,
        `The NIK says ${sex === 2 ? 'female' : 'male'} but the biodata records ` +
          `${sex === 2 ? 'male' : 'female'}. Check the documents.`,
      ),
    );
  }
  let birthDate: string | null = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    birthDate = null;
    warnings.push(
      warning(
        'NIK_FEB29_NOT_LEAP',
        `NIK mencatat lahir 29 Februari, tetapi ${year} bukan tahun kabisat. Periksa dokumen.`,
        `The NIK records a birth on 29 February, but ${year} is not a leap year. Check the documents.`,
      ),
    );
  }
  const decoded: NikDecoded = {
    provinceCode: nik.slice(0, 2),
    regencyCode: nik.slice(0, 4),
    districtCode,
    sex,
    day,
    month,
    yy,
    birthDate,
    serial: nik.slice(12),
  };
  return { isValid: true, errors: [], warnings, decoded };
}

/** No. KK: only 16 digits and the province prefix are certain (domain §1.4). */
export function validateKk(
  kk: string,
  options: { regionExists?: ((districtCode: string) => boolean) | undefined } = {},
): KkCheckResult {
  const shapeErrors = checkDigits(kk, 'KK');
  const errors = shapeErrors.length > 0 ? shapeErrors : checkProvince(kk, 'KK');
  if (errors.length > 0) return { isValid: false, errors, warnings: [] };
  const isKnown = options.regionExists?.(kk.slice(0, 6)) ?? true;
  return { isValid: true, errors: [], warnings: isKnown ? [] : [districtWarning(kk, 'KK')] };
}
