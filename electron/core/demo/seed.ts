import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { CodeLists } from '../registry/code-lists';
import { EXTRACT_COLUMNS, readHeader, readRow, recordFields } from '../registry/extract-layout';
import { ResidentWriter } from '../registry/resident-writer';
import { syntheticRecords } from './extract';

/** Residents of a fresh training station: enough to search, small enough for a fast start. */
export const DEMO_RESIDENTS = 3000;

/** Old spellings officers meet on old documents (domain: names are not normalized by SIAK). */
const VARIANTS: ReadonlyArray<[string, string]> = [
  ['MUHAMMAD ', 'MOEHAMMAD '],
  ['MUHAMAD ', 'MOCHAMAD '],
  ['JOKO ', 'DJOKO '],
  ['YUSUF ', 'JOESOEF '],
];

/**
 * Seeds synthetic residents through the import's write path (validation and ResidentWriter),
 * tagged source 'demo': about half in the training village, the rest in its kecamatan.
 * Does nothing when residents exist already.
 */
export function seedDemoResidents(
  sqlite: SQLite.Database,
  options: { villageCode: string; codeLists: CodeLists; at: string; today: string },
): number {
  const existing = sqlite.prepare('SELECT count(*) FROM residents').pluck().get() as number;
  if (existing > 0) return 0;
  const others = sqlite
    .prepare("SELECT code FROM regions WHERE parent_code = ? AND level = 'village' AND code <> ?")
    .pluck()
    .all(options.villageCode.slice(0, 6), options.villageCode) as string[];
  const villages = [...others, ...others.map(() => options.villageCode), options.villageCode];
  const header = readHeader(EXTRACT_COLUMNS.map((c) => c.name));
  if (!header.ok) throw new Error('The extract layout rejects its own header');
  const writer = new ResidentWriter(sqlite, { source: 'demo', at: options.at, undoId: null });
  const ctx = { codeLists: options.codeLists, today: options.today };
  let written = 0;
  sqlite.transaction(() => {
    let index = 0;
    for (const record of syntheticRecords({
      residents: DEMO_RESIDENTS,
      seed: 20261129,
      villageCodes: villages,
      today: options.today,
    })) {
      const variant = VARIANTS[index % 40] ?? null;
      index += 1;
      if (variant && record.resident.name.startsWith(variant[0])) {
        record.resident.name = variant[1] + record.resident.name.slice(variant[0].length);
      }
      const result = readRow(recordFields(record), header.header, ctx);
      if (result.ok && typeof writer.write(result.record) === 'string') written += 1;
    }
  })();
  return written;
}
