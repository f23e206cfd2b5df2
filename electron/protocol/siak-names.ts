/**
 * Person fields under SIAK's column names (domain §3.1, marked 🟡 there: taken from SIAK-derived
 * public schemas, to be confirmed with Disdukcapil OKI). The station's own names on the left, in
 * both spellings it uses (snake_case in rows, camelCase in DTOs). Only keys are renamed; values
 * stay as stored (codes without dots, ISO dates).
 */
export const SIAK_NAMES: Readonly<Record<string, string>> = {
  nik: 'NIK',
  applicant_nik: 'NIK',
  applicantNik: 'NIK',
  resident_nik: 'NIK',
  residentNik: 'NIK',
  kk_number: 'NO_KK',
  kkNumber: 'NO_KK',
  applicant_kk: 'NO_KK',
  applicantKk: 'NO_KK',
  name: 'NAMA_LGKP',
  applicant_name: 'NAMA_LGKP',
  applicantName: 'NAMA_LGKP',
  sex: 'JENIS_KLMIN',
  birth_place: 'TMPT_LHR',
  birthPlace: 'TMPT_LHR',
  birth_date: 'TGL_LHR',
  birthDate: 'TGL_LHR',
  birth_cert_no: 'NO_AKTA_LHR',
  blood_group: 'GOL_DRH',
  bloodGroup: 'GOL_DRH',
  religion: 'AGAMA',
  marital_status: 'STAT_KWN',
  maritalStatus: 'STAT_KWN',
  marriage_cert_no: 'NO_AKTA_KWN',
  marriage_date: 'TGL_KWN',
  divorce_cert_no: 'NO_AKTA_CRAI',
  divorce_date: 'TGL_CRAI',
  relationship: 'STAT_HBKEL',
  disability: 'PNYDNG_CCT',
  education: 'PDDK_AKH',
  occupation: 'JENIS_PKRJN',
  mother_nik: 'NIK_IBU',
  mother_name: 'NAMA_LGKP_IBU',
  father_nik: 'NIK_AYAH',
  father_name: 'NAMA_LGKP_AYAH',
  passport_no: 'NO_PASPOR',
  village_code: 'NO_KEL',
  villageCode: 'NO_KEL',
};

/** Renames keys at every depth; arrays and other values pass through. */
export function toSiakNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSiakNames);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const renamed = SIAK_NAMES[key] ?? key;
    // Two source names for one SIAK column never both occur in one object; if they did, the
    // first wins and the second keeps its own name rather than overwriting it.
    out[renamed in out ? key : renamed] = toSiakNames(inner);
  }
  return out;
}
