import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  EXTRACT_COLUMNS,
  csvLine,
  recordFields,
  type ExtractRecord,
} from '../registry/extract-layout';
import { syntheticFamilies, type SyntheticFamily } from './synthetic';

/**
 * Synthetic district extracts in the import layout (docs/registry-import.md), for the demo,
 * tests and the import benchmark. Streams: memory stays flat whatever the number of residents.
 */

/** Villages of Kec. Kayu Agung (16.02.05) and Tanjung Lubuk, used when none are given. */
export const DEFAULT_EXTRACT_VILLAGES: readonly string[] = [
  '1602051001',
  '1602051002',
  '1602051003',
  '1602052011',
  '1602052012',
  '1602052013',
  '1602021011',
  '1602022001',
  '1602022002',
];

/** The records of one synthetic family, in the layout's value shapes. */
export function familyRecords(family: SyntheticFamily): ExtractRecord[] {
  const values = {
    kk_number: family.kk,
    address: family.address,
    rt: family.rt,
    rw: family.rw,
    dusun: family.dusun,
    village_code: family.villageCode,
    postal_code: family.postalCode,
    issued_at: family.issuedAt,
  };
  return family.members.map((p) => ({
    family: values,
    resident: {
      nik: p.nik,
      kk_number: family.kk,
      name: p.name,
      sex: p.sex,
      birth_place: p.birthPlace,
      birth_date: p.birthDate,
      birth_year: Number(p.birthDate.slice(0, 4)),
      religion: p.religion,
      education: p.education,
      occupation: p.occupation,
      marital_status: p.maritalStatus,
      marital_recorded: p.maritalRecorded ? 1 : 0,
      marriage_date: p.marriageDate,
      marriage_cert_no: null,
      divorce_date: null,
      divorce_cert_no: null,
      birth_cert_no: null,
      relationship: p.relationship,
      blood_group: p.bloodGroup,
      disability: null,
      citizenship: p.citizenship,
      passport_no: null,
      kitap_no: null,
      father_nik: null,
      father_name: p.fatherName,
      mother_nik: null,
      mother_name: p.motherName,
      village_code: family.villageCode,
      is_alive: 1,
    },
  }));
}

export interface SyntheticExtractOptions {
  /** At least this many residents (whole families, so a few more). */
  residents: number;
  seed: number;
  villageCodes?: readonly string[] | undefined;
  /** YYYY-MM-DD; no birth date after it. Default 2026-11-29 (stable output for a seed). */
  today?: string | undefined;
}

export interface SyntheticExtractResult {
  residents: number;
  families: number;
  bytes: number;
}

/** Synthetic records as a stream (demo seeding writes them without a file). */
export function* syntheticRecords(options: SyntheticExtractOptions): Generator<ExtractRecord> {
  for (const family of syntheticFamilies({
    seed: options.seed,
    villageCodes: options.villageCodes ?? DEFAULT_EXTRACT_VILLAGES,
    residents: options.residents,
    today: options.today ?? '2026-11-29',
  })) {
    yield* familyRecords(family);
  }
}

/** Writes a UTF-8 CSV extract with a header row; the same seed gives the same file. */
export async function writeSyntheticExtract(
  file: string,
  options: SyntheticExtractOptions,
): Promise<SyntheticExtractResult> {
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o600 });
  const result: SyntheticExtractResult = { residents: 0, families: 0, bytes: 0 };
  let buffer = csvLine(EXTRACT_COLUMNS.map((c) => c.name));
  let lastKk = '';
  const flush = async () => {
    result.bytes += Buffer.byteLength(buffer);
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  try {
    for (const record of syntheticRecords(options)) {
      if (record.family.kk_number !== lastKk) {
        lastKk = record.family.kk_number;
        result.families += 1;
      }
      result.residents += 1;
      buffer += csvLine(recordFields(record));
      if (buffer.length > 256 * 1024) await flush();
    }
    await flush();
  } finally {
    out.end();
    await once(out, 'close');
  }
  return result;
}
