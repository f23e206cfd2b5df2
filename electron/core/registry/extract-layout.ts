import type { RegistryFinding, SexCode } from '../../contract/registry';
import type { FamiliesTable, ResidentsTable } from '../../../db/schema';
import type { CodeListName, CodeLists, MaritalStatus } from './code-lists';
import { checkMember } from './family-rules';
import { parseIsoDay, validateKk, validateNik } from './nik';

/**
 * The CSV layout of a district extract (docs/registry-import.md): one row per resident with the
 * family (KK) columns repeated, SIAK-like column names (domain §3.1), codes of domain §3.3.
 * Pure: a row becomes a record ready to write (DB column names), or a reject with a stable code.
 */

export interface ExtractColumn {
  name: string;
  isRequired: boolean;
}

const column = (name: string, isRequired = false): ExtractColumn => ({ name, isRequired });

/** In the order the writer emits them; the reader finds columns by name, in any order. */
export const EXTRACT_COLUMNS: readonly ExtractColumn[] = [
  column('NO_KK', true),
  column('NIK', true),
  column('NAMA_LGKP', true),
  column('JENIS_KLMIN', true),
  column('TMPT_LHR', true),
  column('TGL_LHR', true),
  column('GOL_DRH'),
  column('AGAMA', true),
  column('STAT_KWN', true),
  column('STAT_KWN_TERCATAT'),
  column('TGL_KWN'),
  column('NO_AKTA_KWN'),
  column('TGL_CRAI'),
  column('NO_AKTA_CRAI'),
  column('NO_AKTA_LHR'),
  column('STAT_HBKEL', true),
  column('PNYDNG_CCT'),
  column('PDDK_AKH', true),
  column('JENIS_PKRJN', true),
  column('NIK_IBU'),
  column('NAMA_LGKP_IBU'),
  column('NIK_AYAH'),
  column('NAMA_LGKP_AYAH'),
  column('NO_PASPOR'),
  column('NO_KITAP'),
  column('KWRNGRN'),
  column('ALAMAT', true),
  column('NO_RT', true),
  column('NO_RW', true),
  column('DUSUN'),
  column('KODE_POS'),
  column('NO_PROP', true),
  column('NO_KAB', true),
  column('NO_KEC', true),
  column('NO_KEL', true),
  column('TGL_KELUAR_KK'),
  column('STAT_HIDUP'),
];

export type ExtractColumnName = (typeof EXTRACT_COLUMNS)[number]['name'];

/** families row values (DB column names) carried by every row. */
export type FamilyValues = Omit<FamiliesTable, 'head_nik' | 'updated_at' | 'source'>;

/** residents row values (DB column names) without id, name_key, updated_at and source. */
export type ResidentValues = Omit<
  ResidentsTable,
  'id' | 'name_key' | 'updated_at' | 'source' | 'is_alive'
> & { is_alive: 0 | 1 };

export interface ExtractRecord {
  family: FamilyValues;
  resident: ResidentValues;
}

export interface RowReject {
  code: string;
  message: { id: string; en: string };
}

export type RowResult =
  | { ok: true; record: ExtractRecord; warnings: RegistryFinding[] }
  | { ok: false; reject: RowReject };

export interface ExtractContext {
  codeLists: CodeLists;
  /** Local calendar day, YYYY-MM-DD (birth dates after it are rejected). */
  today: string;
  /** Present when the region table is loaded. */
  districtExists?: ((code: string) => boolean) | undefined;
  villageExists?: ((code: string) => boolean) | undefined;
}

/** Header positions; built once per file. */
export type ExtractHeader = { count: number; index: ReadonlyMap<string, number> };

export type HeaderResult =
  { ok: true; header: ExtractHeader } | { ok: false; reject: RowReject; missing: string[] };

/** Column names are matched trimmed and uppercase; unknown columns are ignored. */
export function readHeader(fields: readonly string[]): HeaderResult {
  const index = new Map<string, number>();
  const repeated: string[] = [];
  fields.forEach((raw, i) => {
    const name = raw.trim().toUpperCase();
    if (index.has(name)) repeated.push(name);
    else index.set(name, i);
  });
  const missing = EXTRACT_COLUMNS.filter((c) => c.isRequired && !index.has(c.name)).map(
    (c) => c.name,
  );
  if (missing.length > 0 || repeated.length > 0) {
    const list = [...missing, ...repeated].join(', ');
    return {
      ok: false,
      missing,
      reject: reject(
        'HEADER_INVALID',
        `Baris judul tidak sesuai format: kolom wajib tidak ada atau berulang (${list}).`,
        `The header row does not match the layout: required columns missing or repeated (${list}).`,
      ),
    };
  }
  return { ok: true, header: { count: fields.length, index } };
}

function reject(code: string, id: string, en: string): RowReject {
  return { code, message: { id, en } };
}

function warning(code: string, id: string, en: string): RegistryFinding {
  return { level: 'warning', code, message: { id, en } };
}

/** Thrown inside readRow only, turned into a reject at its boundary. */
class RowError extends Error {
  readonly reject: RowReject;
  constructor(value: RowReject) {
    super(value.code);
    this.reject = value;
  }
}

const MAX_FIELD = 200;
const EMPTY_MARKERS = new Set(['', '-', '0']);
const DMY = /^(\d{2})[-/](\d{2})[-/](\d{4})$/;

/** YYYY-MM-DD or DD-MM-YYYY (also DD/MM/YYYY) → YYYY-MM-DD, or null when not a real date. */
export function parseExtractDate(text: string): string | null {
  const m = DMY.exec(text);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : text;
  return parseIsoDay(iso) ? iso : null;
}

class RowReader {
  readonly #fields: readonly string[];
  readonly #header: ExtractHeader;
  readonly #ctx: ExtractContext;

  constructor(fields: readonly string[], header: ExtractHeader, ctx: ExtractContext) {
    this.#fields = fields;
    this.#header = header;
    this.#ctx = ctx;
  }

  /** Trimmed text, '' when the column is absent or blank. */
  text(name: string): string {
    const i = this.#header.index.get(name);
    const value = i === undefined ? '' : (this.#fields[i] ?? '').trim();
    if (value.length > MAX_FIELD) {
      throw new RowError(
        reject(
          'FIELD_TOO_LONG',
          `Kolom ${name} lebih dari ${MAX_FIELD} karakter.`,
          `Column ${name} is longer than ${MAX_FIELD} characters.`,
        ),
      );
    }
    return value.replace(/\s+/g, ' ');
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === '') {
      throw new RowError(
        reject(
          'REQUIRED_MISSING',
          `Kolom wajib ${name} kosong.`,
          `The required column ${name} is empty.`,
        ),
      );
    }
    return value;
  }

  optional(name: string): string | null {
    const value = this.text(name);
    return value === '' || value === '-' ? null : value;
  }

  date(name: string, isRequired: boolean): string | null {
    const value = isRequired ? this.required(name) : this.optional(name);
    if (value === null) return null;
    const parsed = parseExtractDate(value);
    if (!parsed) {
      throw new RowError(
        reject(
          'DATE_INVALID',
          `Kolom ${name} bukan tanggal yang sah (TTTT-BB-HH atau HH-BB-TTTT): "${value}".`,
          `Column ${name} is not a valid date (YYYY-MM-DD or DD-MM-YYYY): "${value}".`,
        ),
      );
    }
    return parsed;
  }

  /** A numeric code or a printed label/alias of the list. */
  code(name: string, list: CodeListName, fallback?: number): number {
    const value = fallback === undefined ? this.required(name) : this.optional(name);
    if (value === null) return fallback as number;
    const asNumber = /^\d{1,3}$/.test(value) ? Number(value) : null;
    const found =
      asNumber !== null && this.#ctx.codeLists.isValidCode(list, asNumber)
        ? asNumber
        : this.#ctx.codeLists.codeOfLabel(list, value);
    if (typeof found !== 'number') throw new RowError(unknownCode(name, value));
    return found;
  }

  digits(name: string, width: number): string {
    const value = this.required(name);
    if (!/^\d+$/.test(value) || value.length > width) {
      throw new RowError(
        reject(
          name === 'NO_RT' || name === 'NO_RW' ? 'RT_RW_INVALID' : 'REGION_CODE_INVALID',
          `Kolom ${name} harus angka, paling banyak ${width} digit: "${value}".`,
          `Column ${name} must be digits, at most ${width}: "${value}".`,
        ),
      );
    }
    return value.padStart(width, '0');
  }
}

function unknownCode(name: string, value: string): RowReject {
  return reject(
    'CODE_UNKNOWN',
    `Nilai "${value}" pada kolom ${name} tidak ada di daftar kode.`,
    `Value "${value}" in column ${name} is not in the code list.`,
  );
}

function sexOf(r: RowReader): SexCode {
  const value = r.required('JENIS_KLMIN').toUpperCase();
  if (value === '1' || value === 'L' || value === 'LAKI-LAKI') return 1;
  if (value === '2' || value === 'P' || value === 'PEREMPUAN') return 2;
  throw new RowError(unknownCode('JENIS_KLMIN', value));
}

/** STAT_KWN as a code (1–4) or a printed label such as KAWIN BELUM TERCATAT; plus the flag. */
function maritalOf(r: RowReader, ctx: ExtractContext): { status: 1 | 2 | 3 | 4; recorded: 0 | 1 } {
  let text = r.required('STAT_KWN').toUpperCase();
  let recorded: 0 | 1 | null = null;
  for (const [suffix, flag] of [
    [' BELUM TERCATAT', 0],
    [' TERCATAT', 1],
  ] as const) {
    if (text.endsWith(suffix)) {
      text = text.slice(0, -suffix.length);
      recorded = flag;
      break;
    }
  }
  const asNumber = /^\d$/.test(text)
    ? Number(text)
    : ctx.codeLists.codeOfLabel('statusPerkawinan', text);
  if (asNumber !== 1 && asNumber !== 2 && asNumber !== 3 && asNumber !== 4) {
    throw new RowError(unknownCode('STAT_KWN', r.text('STAT_KWN')));
  }
  const flag = r.optional('STAT_KWN_TERCATAT')?.toUpperCase() ?? null;
  if (flag !== null) {
    if (['1', 'Y', 'YA', 'TERCATAT'].includes(flag)) recorded = 1;
    else if (['0', '2', 'T', 'TIDAK', 'BELUM TERCATAT'].includes(flag)) recorded = 0;
    else throw new RowError(unknownCode('STAT_KWN_TERCATAT', flag));
  }
  return { status: asNumber, recorded: recorded ?? 1 };
}

function aliveOf(r: RowReader): 0 | 1 {
  const value = r.optional('STAT_HIDUP')?.toUpperCase() ?? null;
  if (value === null || value === '1' || value === 'HIDUP') return 1;
  if (['0', '2', 'MATI', 'MENINGGAL'].includes(value)) return 0;
  throw new RowError(unknownCode('STAT_HIDUP', value));
}

/** A parent's NIK is informative only: an unusable one is dropped with a warning. */
function parentNik(r: RowReader, name: string, warnings: RegistryFinding[]): string | null {
  const value = r.text(name);
  if (EMPTY_MARKERS.has(value)) return null;
  if (/^\d{16}$/.test(value)) return value;
  warnings.push(
    warning(
      'PARENT_NIK_DROPPED',
      `Kolom ${name} bukan NIK 16 angka dan tidak disimpan.`,
      `Column ${name} is not a 16-digit NIK and was not stored.`,
    ),
  );
  return null;
}

function familyOf(r: RowReader, ctx: ExtractContext): FamilyValues {
  const kk = r.required('NO_KK');
  const kkCheck = validateKk(kk);
  const kkError = kkCheck.errors[0];
  if (kkError) throw new RowError({ code: kkError.code, message: kkError.message });
  const village =
    r.digits('NO_PROP', 2) + r.digits('NO_KAB', 2) + r.digits('NO_KEC', 2) + r.digits('NO_KEL', 4);
  if (ctx.villageExists && !ctx.villageExists(village)) {
    throw new RowError(
      reject(
        'VILLAGE_UNKNOWN',
        `Kode desa/kelurahan ${village} (NO_PROP..NO_KEL) tidak ada di tabel wilayah.`,
        `Village code ${village} (NO_PROP..NO_KEL) is not in the region table.`,
      ),
    );
  }
  const postal = r.optional('KODE_POS');
  if (postal !== null && !/^\d{5}$/.test(postal)) {
    throw new RowError(
      reject(
        'POSTAL_CODE_INVALID',
        `KODE_POS harus 5 angka: "${postal}".`,
        `KODE_POS must be 5 digits: "${postal}".`,
      ),
    );
  }
  return {
    kk_number: kk,
    address: r.required('ALAMAT'),
    rt: r.digits('NO_RT', 3),
    rw: r.digits('NO_RW', 3),
    dusun: r.optional('DUSUN'),
    village_code: village,
    postal_code: postal,
    issued_at: r.date('TGL_KELUAR_KK', false),
  };
}

function residentOf(
  r: RowReader,
  ctx: ExtractContext,
  family: FamilyValues,
  warnings: RegistryFinding[],
): ResidentValues {
  const nik = r.required('NIK');
  const sex = sexOf(r);
  const birthDate = r.date('TGL_LHR', true) as string;
  const nikCheck = validateNik(nik, {
    birthDate,
    sex,
    today: ctx.today,
    regionExists: ctx.districtExists,
  });
  const nikError = nikCheck.errors[0];
  if (nikError) throw new RowError({ code: nikError.code, message: nikError.message });
  warnings.push(...nikCheck.warnings);
  if (birthDate > ctx.today) {
    throw new RowError(
      reject(
        'BIRTH_DATE_FUTURE',
        `TGL_LHR ${birthDate} sesudah hari ini.`,
        `TGL_LHR ${birthDate} is after today.`,
      ),
    );
  }
  const marital = maritalOf(r, ctx);
  const relationship = r.code('STAT_HBKEL', 'shdk');
  const citizenship = (r.optional('KWRNGRN')?.toUpperCase() ?? 'WNI').replace(/^1$/, 'WNI');
  if (citizenship !== 'WNI' && citizenship !== 'WNA' && citizenship !== '2') {
    throw new RowError(unknownCode('KWRNGRN', citizenship));
  }
  return {
    nik,
    kk_number: family.kk_number,
    name: r.required('NAMA_LGKP').toUpperCase(),
    sex,
    birth_place: r.required('TMPT_LHR').toUpperCase(),
    birth_date: birthDate,
    birth_year: Number(birthDate.slice(0, 4)),
    religion: r.code('AGAMA', 'agama'),
    education: r.code('PDDK_AKH', 'pendidikan'),
    occupation: r.code('JENIS_PKRJN', 'pekerjaan'),
    marital_status: marital.status,
    marital_recorded: marital.recorded,
    marriage_date: r.date('TGL_KWN', false),
    marriage_cert_no: r.optional('NO_AKTA_KWN'),
    divorce_date: r.date('TGL_CRAI', false),
    divorce_cert_no: r.optional('NO_AKTA_CRAI'),
    birth_cert_no: r.optional('NO_AKTA_LHR'),
    relationship,
    blood_group: r.code('GOL_DRH', 'golonganDarah', 13),
    disability: r.optional('PNYDNG_CCT') === null ? null : r.code('PNYDNG_CCT', 'penyandangCacat'),
    citizenship: citizenship === 'WNI' ? 'WNI' : 'WNA',
    passport_no: r.optional('NO_PASPOR'),
    kitap_no: r.optional('NO_KITAP'),
    father_nik: parentNik(r, 'NIK_AYAH', warnings),
    father_name: r.optional('NAMA_LGKP_AYAH')?.toUpperCase() ?? null,
    mother_nik: parentNik(r, 'NIK_IBU', warnings),
    mother_name: r.optional('NAMA_LGKP_IBU')?.toUpperCase() ?? null,
    village_code: family.village_code,
    is_alive: aliveOf(r),
  };
}

/** One data row → a record to write, or a reject. Errors reject; NIK and rule warnings do not. */
export function readRow(
  fields: readonly string[],
  header: ExtractHeader,
  ctx: ExtractContext,
): RowResult {
  if (fields.length !== header.count) {
    return {
      ok: false,
      reject: reject(
        'ROW_FIELD_COUNT',
        `Baris ini punya ${fields.length} kolom; baris judul punya ${header.count}.`,
        `This row has ${fields.length} fields; the header has ${header.count}.`,
      ),
    };
  }
  const r = new RowReader(fields, header, ctx);
  const warnings: RegistryFinding[] = [];
  try {
    const family = familyOf(r, ctx);
    const resident = residentOf(r, ctx, family, warnings);
    const marital: MaritalStatus =
      resident.marital_status === 2 || resident.marital_status === 3
        ? { status: resident.marital_status, isRecorded: resident.marital_recorded === 1 }
        : { status: resident.marital_status, isRecorded: null };
    const findings = checkMember(
      {
        shdk: resident.relationship,
        sex: resident.sex,
        marital,
        birthDate: resident.birth_date,
      },
      { today: ctx.today },
    );
    const ruleError = findings.find((f) => f.level === 'error');
    if (ruleError)
      return { ok: false, reject: { code: ruleError.code, message: ruleError.message } };
    warnings.push(...findings);
    return { ok: true, record: { family, resident }, warnings };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, reject: error.reject };
    throw error;
  }
}

/** A record as CSV fields in EXTRACT_COLUMNS order (numeric codes, ISO dates). */
export function recordFields(record: ExtractRecord): string[] {
  const { family: f, resident: p } = record;
  const values: Record<ExtractColumnName, string | number | null> = {
    NO_KK: f.kk_number,
    NIK: p.nik,
    NAMA_LGKP: p.name,
    JENIS_KLMIN: p.sex,
    TMPT_LHR: p.birth_place,
    TGL_LHR: p.birth_date,
    GOL_DRH: p.blood_group,
    AGAMA: p.religion,
    STAT_KWN: p.marital_status,
    STAT_KWN_TERCATAT: p.marital_recorded,
    TGL_KWN: p.marriage_date,
    NO_AKTA_KWN: p.marriage_cert_no,
    TGL_CRAI: p.divorce_date,
    NO_AKTA_CRAI: p.divorce_cert_no,
    NO_AKTA_LHR: p.birth_cert_no,
    STAT_HBKEL: p.relationship,
    PNYDNG_CCT: p.disability,
    PDDK_AKH: p.education,
    JENIS_PKRJN: p.occupation,
    NIK_IBU: p.mother_nik,
    NAMA_LGKP_IBU: p.mother_name,
    NIK_AYAH: p.father_nik,
    NAMA_LGKP_AYAH: p.father_name,
    NO_PASPOR: p.passport_no,
    NO_KITAP: p.kitap_no,
    KWRNGRN: p.citizenship,
    ALAMAT: f.address,
    NO_RT: f.rt,
    NO_RW: f.rw,
    DUSUN: f.dusun,
    KODE_POS: f.postal_code,
    NO_PROP: f.village_code.slice(0, 2),
    NO_KAB: f.village_code.slice(2, 4),
    NO_KEC: f.village_code.slice(4, 6),
    NO_KEL: f.village_code.slice(6),
    TGL_KELUAR_KK: f.issued_at,
    STAT_HIDUP: p.is_alive === 1 ? 1 : 2,
  };
  return EXTRACT_COLUMNS.map((c) => (values[c.name] === null ? '' : String(values[c.name])));
}

/** RFC 4180 quoting: only when a field holds a comma, a quote or a line break. */
export function csvLine(fields: readonly string[]): string {
  return (
    fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\r\n'
  );
}
