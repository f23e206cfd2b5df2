import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { SyntheticFamily } from '../core/demo/synthetic';
import { nameKey, nameTokens } from '../core/registry/names';

/**
 * Test and measurement data for search: writes families, residents and their name tokens
 * straight into the tables, with nameKey/nameTokens as the import does, without the import.
 */
export interface FixturePerson {
  nik: string;
  name: string;
  sex: 1 | 2;
  birthDate: string;
  relationship?: number | undefined;
  birthPlace?: string | undefined;
  disability?: number | null | undefined;
}

export interface FixtureFamily {
  kk: string;
  villageCode: string;
  members: FixturePerson[];
}

export interface FixtureWriter {
  /** Writes the families in one transaction; returns resident ids in input order. */
  write(families: readonly FixtureFamily[]): number[];
}

export function fixtureWriter(
  sqlite: SQLite.Database,
  at = '2026-11-29T00:00:00.000Z',
): FixtureWriter {
  const family = sqlite.prepare(
    `INSERT INTO families (kk_number, head_nik, address, rt, rw, dusun, village_code, postal_code,
       issued_at, updated_at, source)
     VALUES (?, ?, 'JL. MERDEKA NO. 1', '001', '002', 'DUSUN I', ?, '30611', '2020-01-02', ?, 'test')`,
  );
  const resident = sqlite.prepare(
    `INSERT INTO residents (nik, kk_number, name, name_key, sex, birth_place, birth_date, birth_year,
       religion, education, occupation, marital_status, marital_recorded, relationship,
       blood_group, disability, citizenship, father_name, mother_name, village_code, updated_at,
       source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 5, 9, ?, 1, ?, 13, ?, 'WNI', 'AYAH', 'IBU', ?, ?, 'test')`,
  );
  const membership = sqlite.prepare(
    `INSERT INTO family_memberships (nik, kk_number, relationship, from_at, until_at, reason)
     VALUES (?, ?, ?, '2020-01-02', NULL, 'import')`,
  );
  const token = sqlite.prepare(
    'INSERT OR IGNORE INTO resident_name_tokens (token, resident_id) VALUES (?, ?)',
  );
  const run = sqlite.transaction((families: readonly FixtureFamily[]) => {
    const ids: number[] = [];
    for (const f of families) {
      const head = f.members.find((m) => (m.relationship ?? 1) === 1);
      family.run(f.kk, head?.nik ?? null, f.villageCode, at);
      for (const p of f.members) {
        const relationship = p.relationship ?? 1;
        const id = Number(
          resident.run(
            p.nik,
            f.kk,
            p.name,
            nameKey(p.name),
            p.sex,
            p.birthPlace ?? 'KAYUAGUNG',
            p.birthDate,
            Number(p.birthDate.slice(0, 4)),
            relationship === 4 ? 1 : 2,
            relationship,
            p.disability ?? null,
            f.villageCode,
            at,
          ).lastInsertRowid,
        );
        membership.run(p.nik, f.kk, relationship);
        for (const t of nameTokens(p.name)) token.run(t, id);
        ids.push(id);
      }
    }
    return ids;
  });
  return { write: (families) => run(families) };
}

/** A synthetic family (electron/core/demo/synthetic.ts) as fixture rows. */
export function fromSynthetic(family: SyntheticFamily): FixtureFamily {
  return {
    kk: family.kk,
    villageCode: family.villageCode,
    members: family.members.map((p) => ({
      nik: p.nik,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      relationship: p.relationship,
      birthPlace: p.birthPlace,
    })),
  };
}
