import { EXTRACT_COLUMNS, csvLine } from '../core/registry/extract-layout';

/** Rows of a district extract for tests: column name → text, as in the CSV. */
export type ExtractRow = Record<string, string>;

const NAMES = EXTRACT_COLUMNS.map((c) => c.name);

/** A head of family in Desa Kijang Ulu (16.02.05.2011), KK 1602052011200001. */
export const SAMPLE_HEAD: ExtractRow = {
  NO_KK: '1602052011200001',
  NIK: '1602050101800001',
  NAMA_LGKP: 'MUHAMMAD YUSUF',
  JENIS_KLMIN: '1',
  TMPT_LHR: 'KAYUAGUNG',
  TGL_LHR: '1980-01-01',
  AGAMA: '1',
  STAT_KWN: '2',
  STAT_HBKEL: '1',
  PDDK_AKH: '5',
  JENIS_PKRJN: '9',
  ALAMAT: 'JL. MERDEKA NO. 1',
  NO_RT: '001',
  NO_RW: '002',
  NO_PROP: '16',
  NO_KAB: '02',
  NO_KEC: '05',
  NO_KEL: '2011',
};

/** His wife in the same KK. */
export const SAMPLE_WIFE: ExtractRow = {
  ...SAMPLE_HEAD,
  NIK: '1602054502820001',
  NAMA_LGKP: 'SITI AISYAH',
  JENIS_KLMIN: '2',
  TGL_LHR: '1982-02-05',
  STAT_HBKEL: '3',
};

/** The header line of the documented layout. */
export const headerLine = (): string => csvLine(NAMES);

/** One CSV line in the documented column order; missing columns are empty. */
export const extractLine = (row: ExtractRow): string => csvLine(NAMES.map((c) => row[c] ?? ''));
