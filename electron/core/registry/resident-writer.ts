import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { ExtractRecord, FamilyValues, ResidentValues, RowReject } from './extract-layout';
import { nameKey, nameTokens } from './names';

/**
 * The write side of the registry: upsert of families by No. KK and residents by NIK, KK history
 * in family_memberships, name search keys. Raw prepared statements on the better-sqlite3 handle
 * (bulk speed); the caller owns the transaction. Rows it inserts carry `source`; when `undoId`
 * is set, the previous values of rows it updates are kept in registry_import_undo so the whole
 * import can be rolled back (see import-rollback.ts).
 */

export type WriteOutcome = 'inserted' | 'updated' | 'unchanged' | { reject: RowReject };

const FAMILY_FIELDS = [
  'address',
  'rt',
  'rw',
  'dusun',
  'village_code',
  'postal_code',
  'issued_at',
] as const satisfies ReadonlyArray<keyof FamilyValues>;

export const RESIDENT_FIELDS = [
  'kk_number',
  'name',
  'sex',
  'birth_place',
  'birth_date',
  'birth_year',
  'religion',
  'education',
  'occupation',
  'marital_status',
  'marital_recorded',
  'marriage_date',
  'marriage_cert_no',
  'divorce_date',
  'divorce_cert_no',
  'birth_cert_no',
  'relationship',
  'blood_group',
  'disability',
  'citizenship',
  'passport_no',
  'kitap_no',
  'father_nik',
  'father_name',
  'mother_nik',
  'mother_name',
  'village_code',
  'is_alive',
] as const satisfies ReadonlyArray<keyof ResidentValues>;

type Row = Record<string, string | number | null>;

const KEPALA_KELUARGA = 1;

export function headDuplicate(kk: string): RowReject {
  return {
    code: 'HEAD_DUPLICATE',
    message: {
      id: `KK ${kk} sudah punya KEPALA KELUARGA lain; satu KK hanya boleh satu kepala keluarga.`,
      en: `KK ${kk} already has another head of family; a KK has exactly one head.`,
    },
  };
}

export class ResidentWriter {
  readonly #source: string;
  readonly #at: string;
  readonly #undoId: string | null;
  readonly #s;
  /** The family written last and its values: members of one KK usually come together. */
  #lastFamily = '';

  constructor(
    sqlite: SQLite.Database,
    options: { source: string; at: string; undoId: string | null },
  ) {
    this.#source = options.source;
    this.#at = options.at;
    this.#undoId = options.undoId;
    const residentCols = ['nik', ...RESIDENT_FIELDS, 'name_key', 'updated_at', 'source'];
    this.#s = {
      insertFamily: sqlite.prepare(
        `INSERT INTO families (kk_number, head_nik, ${FAMILY_FIELDS.join(', ')}, updated_at, source)
         VALUES (?, ?, ${FAMILY_FIELDS.map(() => '?').join(', ')}, ?, ?)
         ON CONFLICT (kk_number) DO NOTHING`,
      ),
      getFamily: sqlite.prepare('SELECT * FROM families WHERE kk_number = ?'),
      updateFamily: sqlite.prepare(
        `UPDATE families SET ${FAMILY_FIELDS.map((f) => `${f} = ?`).join(', ')},
         updated_at = ?, source = ? WHERE kk_number = ?`,
      ),
      setHead: sqlite.prepare(
        'UPDATE families SET head_nik = ?, updated_at = ?, source = ? WHERE kk_number = ?',
      ),
      otherHead: sqlite.prepare(
        `SELECT nik FROM residents WHERE kk_number = ? AND relationship = ${KEPALA_KELUARGA}
         AND nik <> ? AND is_alive = 1 LIMIT 1`,
      ),
      insertResident: sqlite.prepare(
        `INSERT INTO residents (${residentCols.join(', ')})
         VALUES (${residentCols.map(() => '?').join(', ')}) ON CONFLICT (nik) DO NOTHING`,
      ),
      getResident: sqlite.prepare('SELECT * FROM residents WHERE nik = ?'),
      updateResident: sqlite.prepare(
        `UPDATE residents SET ${[...RESIDENT_FIELDS, 'name_key', 'updated_at', 'source']
          .map((f) => `${f} = ?`)
          .join(', ')} WHERE id = ?`,
      ),
      currentMembership: sqlite.prepare(
        'SELECT id, kk_number, relationship FROM family_memberships WHERE nik = ? AND until_at IS NULL',
      ),
      closeMembership: sqlite.prepare('UPDATE family_memberships SET until_at = ? WHERE id = ?'),
      insertMembership: sqlite.prepare(
        `INSERT INTO family_memberships (nik, kk_number, relationship, from_at, until_at, reason)
         VALUES (?, ?, ?, ?, NULL, ?)`,
      ),
      deleteTokens: sqlite.prepare('DELETE FROM resident_name_tokens WHERE resident_id = ?'),
      insertToken: sqlite.prepare(
        'INSERT OR IGNORE INTO resident_name_tokens (token, resident_id) VALUES (?, ?)',
      ),
      undo: sqlite.prepare(
        'INSERT OR IGNORE INTO registry_import_undo (import_id, kind, key, data) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /** Writes one validated record; the caller holds the transaction. */
  write(record: ExtractRecord): WriteOutcome {
    const { family, resident } = record;
    const isHead = resident.relationship === KEPALA_KELUARGA;
    const familyState = this.#writeFamily(family, isHead ? resident.nik : null);
    if (isHead && familyState !== 'inserted') {
      const other = this.#s.otherHead.get(family.kk_number, resident.nik);
      if (other) return { reject: headDuplicate(family.kk_number) };
    }
    const outcome = this.#writeResident(resident);
    if (isHead && familyState !== 'inserted') this.#setHead(family.kk_number, resident.nik);
    return outcome === 'unchanged' && familyState === 'updated' ? 'updated' : outcome;
  }

  #saveUndo(kind: 'resident' | 'family' | 'membership', key: string, row: Row): void {
    // Rows this import inserted need no undo: rollback deletes them by their source tag.
    if (this.#undoId === null || row['source'] === this.#source) return;
    this.#s.undo.run(this.#undoId, kind, key, JSON.stringify(row));
  }

  #writeFamily(f: FamilyValues, headNik: string | null): 'inserted' | 'updated' | 'unchanged' {
    const values = FAMILY_FIELDS.map((k) => f[k]);
    const cacheKey = JSON.stringify([f.kk_number, ...values]);
    if (cacheKey === this.#lastFamily) return 'unchanged';
    this.#lastFamily = cacheKey;
    const inserted = this.#s.insertFamily.run(
      f.kk_number,
      headNik,
      ...values,
      this.#at,
      this.#source,
    );
    if (inserted.changes > 0) return 'inserted';
    const current = this.#s.getFamily.get(f.kk_number) as Row;
    if (FAMILY_FIELDS.every((k) => current[k] === f[k])) return 'unchanged';
    this.#saveUndo('family', f.kk_number, current);
    this.#s.updateFamily.run(...values, this.#at, this.#source, f.kk_number);
    return 'updated';
  }

  #setHead(kk: string, nik: string): void {
    const current = this.#s.getFamily.get(kk) as Row;
    if (current['head_nik'] === nik) return;
    this.#saveUndo('family', kk, current);
    this.#s.setHead.run(nik, this.#at, this.#source, kk);
  }

  #writeResident(p: ResidentValues): 'inserted' | 'updated' | 'unchanged' {
    const values = RESIDENT_FIELDS.map((k) => p[k]);
    const key = nameKey(p.name);
    const inserted = this.#s.insertResident.run(p.nik, ...values, key, this.#at, this.#source);
    if (inserted.changes > 0) {
      const id = Number(inserted.lastInsertRowid);
      this.#s.insertMembership.run(p.nik, p.kk_number, p.relationship, this.#at, this.#source);
      for (const token of nameTokens(p.name)) this.#s.insertToken.run(token, id);
      return 'inserted';
    }
    const current = this.#s.getResident.get(p.nik) as Row;
    if (RESIDENT_FIELDS.every((k) => current[k] === p[k])) return 'unchanged';
    const id = current['id'] as number;
    this.#saveUndo('resident', p.nik, current);
    this.#s.updateResident.run(...values, key, this.#at, this.#source, id);
    if (current['name'] !== p.name) {
      this.#s.deleteTokens.run(id);
      for (const token of nameTokens(p.name)) this.#s.insertToken.run(token, id);
    }
    if (current['kk_number'] !== p.kk_number || current['relationship'] !== p.relationship) {
      this.#moveMembership(p);
    }
    return 'updated';
  }

  /** KK history: the current membership is closed, never rewritten, and a new one opened. */
  #moveMembership(p: ResidentValues): void {
    const current = this.#s.currentMembership.get(p.nik) as Row | undefined;
    if (current) {
      if (current['kk_number'] === p.kk_number && current['relationship'] === p.relationship) {
        return;
      }
      if (this.#undoId !== null) {
        this.#s.undo.run(this.#undoId, 'membership', String(current['id']), '{}');
      }
      this.#s.closeMembership.run(this.#at, current['id']);
    }
    this.#s.insertMembership.run(p.nik, p.kk_number, p.relationship, this.#at, this.#source);
  }
}
