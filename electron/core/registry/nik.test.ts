import { describe, expect, it } from 'vitest';
import { PROVINCE_CODES, validateKk, validateNik, type NikCheckOptions } from './nik';

const today = '2026-11-29';
const check = (nik: string, options: Partial<NikCheckOptions> = {}) =>
  validateNik(nik, { today, ...options });
const errorCodes = (nik: string, options: Partial<NikCheckOptions> = {}) =>
  check(nik, options).errors.map((e) => e.code);
const warningCodes = (nik: string, options: Partial<NikCheckOptions> = {}) =>
  check(nik, options).warnings.map((w) => w.code);

describe('validateNik: valid numbers', () => {
  it('decodes a woman born 15 Dec 2003 in Kayu Agung', () => {
    expect(check('1602055512030001')).toEqual({
      isValid: true,
      errors: [],
      warnings: [],
      decoded: {
        provinceCode: '16',
        regencyCode: '1602',
        districtCode: '160205',
        sex: 2,
        day: 15,
        month: 12,
        yy: 3,
        birthDate: '2003-12-15',
        serial: '0001',
      },
    });
  });

  it('decodes a man, and women on days 41 to 71', () => {
    expect(check('1602051512030002').decoded).toMatchObject({ sex: 1, day: 15 });
    expect(check('1602054101000001').decoded).toMatchObject({ sex: 2, day: 1, month: 1 });
    expect(check('1602057101000001').decoded).toMatchObject({ sex: 2, day: 31 });
    expect(check('1602053101000001').decoded).toMatchObject({ sex: 1, day: 31 });
  });

  it('infers the century from today, or from the biodata when it agrees', () => {
    expect(check('1602051508980001').decoded?.birthDate).toBe('1998-08-15');
    expect(check('1602051508200001').decoded?.birthDate).toBe('2020-08-15');
    expect(check('1602051508200001', { birthDate: '1920-08-15' }).decoded?.birthDate).toBe(
      '1920-08-15',
    );
    // 15 Dec 2026 is after today, so the latest possible year is 1926.
    expect(check('1602051512260001').decoded?.birthDate).toBe('1926-12-15');
    expect(check('1602052911260001').decoded?.birthDate).toBe('2026-11-29');
  });

  it('allows 29 Feb, and warns once the year is known not to be leap', () => {
    expect(check('1602052902040001')).toMatchObject({
      isValid: true,
      warnings: [],
      decoded: { birthDate: '2004-02-29' },
    });
    expect(check('1602052902000001').decoded?.birthDate).toBe('2000-02-29');
    const notLeap = check('1602056902030001');
    expect(notLeap.isValid).toBe(true);
    expect(notLeap.warnings.map((w) => w.code)).toEqual(['NIK_FEB29_NOT_LEAP']);
    expect(notLeap.decoded).toMatchObject({ sex: 2, day: 29, month: 2, birthDate: null });
    // 00 is leap in 2000 but not in 1900: only the biodata can tell.
    expect(warningCodes('1602052902000001', { birthDate: '1900-02-28' })).toEqual([
      'NIK_BIRTHDATE_MISMATCH',
      'NIK_FEB29_NOT_LEAP',
    ]);
  });
});

describe('validateNik: hard errors', () => {
  it('needs exactly 16 ASCII digits', () => {
    expect(errorCodes('160205551203001')).toEqual(['NIK_LENGTH']);
    expect(errorCodes('16020555120300011')).toEqual(['NIK_LENGTH']);
    expect(errorCodes('')).toEqual(['NIK_LENGTH']);
    expect(errorCodes('16020555120300a1')).toEqual(['NIK_DIGITS']);
    expect(errorCodes('1602 05551203000')).toEqual(['NIK_DIGITS']);
    expect(errorCodes(' 1602055512030001')).toEqual(['NIK_DIGITS', 'NIK_LENGTH']);
    expect(errorCodes('16.02.05.551203.0001')).toEqual(['NIK_DIGITS', 'NIK_LENGTH']);
    // Arabic-Indic and full-width digits look like numbers but are not ASCII.
    expect(errorCodes('١٦٠٢٠٥٥٥١٢٠٣٠٠٠١')).toEqual(['NIK_DIGITS']);
    expect(errorCodes('１６０２０５５５１２０３０００１')).toEqual(['NIK_DIGITS']);
    expect(check('160205551203000١')).toMatchObject({ isValid: false, decoded: null });
  });

  it('checks province, regency and district parts', () => {
    expect(PROVINCE_CODES.size).toBe(38);
    expect(errorCodes('2002055512030001')).toEqual(['NIK_PROVINCE']);
    expect(errorCodes('9702055512030001')).toEqual(['NIK_PROVINCE']);
    expect(errorCodes('1670055512030001')).toEqual(['NIK_REGENCY']);
    expect(errorCodes('1600055512030001')).toEqual(['NIK_REGENCY']);
    expect(errorCodes('1671055512030001')).toEqual([]);
    expect(errorCodes('1602005512030001')).toEqual(['NIK_DISTRICT']);
  });

  it('checks the day, month and calendar', () => {
    for (const day of ['00', '32', '35', '40', '72', '99']) {
      expect(errorCodes(`160205${day}12030001`)).toEqual(['NIK_DAY']);
    }
    expect(errorCodes('1602051500030001')).toEqual(['NIK_MONTH']);
    expect(errorCodes('1602051513030001')).toEqual(['NIK_MONTH']);
    expect(errorCodes('1602053104030001')).toEqual(['NIK_DATE_IMPOSSIBLE']);
    expect(errorCodes('1602057104030001')).toEqual(['NIK_DATE_IMPOSSIBLE']);
    expect(errorCodes('1602053002040001')).toEqual(['NIK_DATE_IMPOSSIBLE']);
  });

  it('rejects serial 0000 and reports every problem at once', () => {
    expect(errorCodes('1602055512030000')).toEqual(['NIK_SERIAL']);
    expect(check('2070003613030000')).toMatchObject({ isValid: false, decoded: null });
    expect(errorCodes('2070003613030000')).toEqual([
      'NIK_PROVINCE',
      'NIK_REGENCY',
      'NIK_DISTRICT',
      'NIK_DAY',
      'NIK_MONTH',
      'NIK_SERIAL',
    ]);
  });

  it('gives messages in Bahasa Indonesia and English', () => {
    const [finding] = check('1602053204030001').errors;
    expect(finding).toMatchObject({ level: 'error', code: 'NIK_DAY' });
    expect(finding?.message.id).toContain('perempuan 41–71');
    expect(finding?.message.en).toContain('women 41–71');
  });
});

describe('validateNik: warnings', () => {
  it('warns for a kecamatan prefix that is not in the current table', () => {
    const current = new Set(['160205']);
    const result = check('1602015512030001', { regionExists: (code) => current.has(code) });
    expect(result.isValid).toBe(true);
    expect(result.warnings).toMatchObject([{ level: 'warning', code: 'NIK_DISTRICT_UNKNOWN' }]);
    expect(result.warnings[0]?.message.id).toContain('16.02.01');
    expect(warningCodes('1602055512030001', { regionExists: (c) => current.has(c) })).toEqual([]);
  });

  it('warns, never rejects, when the biodata differs', () => {
    expect(check('1602055512030001', { birthDate: '2003-12-15', sex: 2 }).warnings).toEqual([]);
    const corrected = check('1602055512030001', { birthDate: '2003-12-16', sex: 1 });
    expect(corrected.isValid).toBe(true);
    expect(corrected.warnings.map((w) => w.code)).toEqual([
      'NIK_BIRTHDATE_MISMATCH',
      'NIK_SEX_MISMATCH',
    ]);
    expect(corrected.warnings[0]?.message.id).toContain('15-12-03');
    expect(corrected.warnings[0]?.message.id).toContain('16-12-2003');
    // Another century in the biodata: the date still matches day and month but not the year.
    expect(warningCodes('1602055512030001', { birthDate: '1993-12-15' })).toEqual([
      'NIK_BIRTHDATE_MISMATCH',
    ]);
    expect(warningCodes('1602055512030001', { birthDate: '2003-02-30' })).toEqual([
      'NIK_BIODATA_DATE_INVALID',
    ]);
  });

  it('needs a real today', () => {
    expect(() => validateNik('1602055512030001', { today: '29-11-2026' })).toThrow(RangeError);
  });
});

describe('validateKk', () => {
  it('checks 16 digits and the province, and warns for an unknown kecamatan', () => {
    expect(validateKk('1602051203080007')).toEqual({ isValid: true, errors: [], warnings: [] });
    expect(validateKk('160205120308000').errors.map((e) => e.code)).toEqual(['KK_LENGTH']);
    expect(validateKk('16020512030800O7').errors.map((e) => e.code)).toEqual(['KK_DIGITS']);
    expect(validateKk('2002051203080007').errors.map((e) => e.code)).toEqual(['KK_PROVINCE']);
    const historic = validateKk('1602011203080007', { regionExists: (c) => c === '160205' });
    expect(historic.isValid).toBe(true);
    expect(historic.warnings.map((w) => w.code)).toEqual(['KK_DISTRICT_UNKNOWN']);
  });
});
