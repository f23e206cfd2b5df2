import { describe, expect, it } from 'vitest';
import { matchesQuery } from './service-search';

const service = (code: string, title: string, en: string, summary: string) => ({
  code,
  title: { id: title, en },
  summary: { id: summary, en: summary },
});
const KIA = service('kia-baru', 'KIA baru', 'New KIA', 'Kartu identitas untuk anak');
const KK = service('kk-baru', 'KK baru untuk keluarga baru', 'New KK', 'Setelah menikah');
const AKTA = service('akta-kelahiran', 'Akta kelahiran', 'Birth certificate', 'Mencatat kelahiran');

describe('matchesQuery', () => {
  it('needs every word, in any order and case', () => {
    expect([KIA, KK, AKTA].filter((s) => matchesQuery(s, 'kia baru'))).toEqual([KIA]);
    expect([KIA, KK, AKTA].filter((s) => matchesQuery(s, 'BARU'))).toEqual([KIA, KK]);
    expect(matchesQuery(AKTA, 'lahir akta')).toBe(true);
  });

  it('finds by code and by English title', () => {
    expect(matchesQuery(AKTA, 'akta-kelahiran')).toBe(true);
    expect(matchesQuery(AKTA, 'birth')).toBe(true);
    expect(matchesQuery(KIA, 'birth')).toBe(false);
  });

  it('lists everything for an empty or blank query', () => {
    expect(matchesQuery(KIA, '')).toBe(true);
    expect(matchesQuery(KIA, '   ')).toBe(true);
  });
});
