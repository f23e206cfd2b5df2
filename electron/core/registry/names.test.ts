import { describe, expect, it } from 'vitest';
import { joinedKey, nameKey, nameTokens, nameWords, wordKey } from './names';

/** Spellings of the same name that officers meet; each pair must give one key. */
const SAME: ReadonlyArray<[string, string]> = [
  // Muhammad and its transliterations and abbreviations
  ['Muhammad', 'Muhamad'],
  ['Muhammad', 'Mohammad'],
  ['Muhammad', 'Mohamad'],
  ['Muhammad', 'Moehammad'],
  ['Muhammad', 'Mochammad'],
  ['Muhammad', 'Muhammed'],
  ['Muhammad', 'Mohamed'],
  ['Muhammad', 'Muhd'],
  ['Muhammad', 'Moh'],
  ['Muhammad', 'Mhd'],
  // Old spelling (before 1972)
  ['Yusuf', 'Joesoef'],
  ['Yusuf', 'Jusuf'],
  ['Joko', 'Djoko'],
  ['Cahya', 'Tjahja'],
  ['Nyoman', 'Njoman'],
  ['Syahrir', 'Sjahrir'],
  ['Sukarno', 'Soekarno'],
  ['Suharto', 'Soeharto'],
  ['Wahyu', 'Wahju'],
  ['Budi', 'Boedi'],
  // Aspirated and silent h
  ['Rahmat', 'Rachmat'],
  ['Rahmat', 'Rakhmat'],
  ['Ahmad', 'Achmad'],
  ['Ahmad', 'Akhmad'],
  ['Hairul', 'Khairul'],
  ['Ramadan', 'Ramadhan'],
  ['Rahma', 'Rahmah'],
  ['Aisah', 'Aisyah'],
  ['Sahrul', 'Syahrul'],
  ['Sahputra', 'Syahputra'],
  ['Zulkifli', 'Dzulkifli'],
  ['Sugiarto', 'Sugiharto'],
  ['Fatimah', 'Fatima'],
  // f/p/v, au/o, ie/i, ae/ai, oi/ai
  ['Saiful', 'Saipul'],
  ['Taufik', 'Topik'],
  ['Safitri', 'Sapitri'],
  ['Novi', 'Nopi'],
  ['Novi', 'Novie'],
  ['Arif', 'Arief'],
  ['Anggraini', 'Anggraeni'],
  ['Khoiriyah', 'Khairiyah'],
  ['Khairiah', 'Khairiyah'],
  ['Efendi', 'Effendi'],
  // y/i, doubled letters
  ['Rizki', 'Rizky'],
  ['Dedi', 'Dedy'],
  ['Supriadi', 'Supriyadi'],
  ['Siti', 'Sity'],
  ['Heri', 'Herry'],
  ['Doni', 'Donny'],
  ['Desi', 'Dessy'],
  ['Mariam', 'Maryam'],
  // Arabic articles and common short forms
  ['Nur', 'Noor'],
  ['Nur', 'Noer'],
  ['Abdul', 'Abd'],
  ['Ansori', 'Anshori'],
  ['Yahya', 'Jahja'],
];

/** Different names that must stay apart. */
const DIFFERENT: ReadonlyArray<[string, string]> = [
  ['Rina', 'Rini'],
  ['Budi', 'Bude'],
  ['Agus', 'Bagus'],
  ['Dewi', 'Desi'],
  ['Hasan', 'Husin'],
  ['Siti', 'Sri'],
  ['Ani', 'Ana'],
];

describe('wordKey', () => {
  it.each(SAME)('%s and %s give one key', (a, b) => {
    expect(wordKey(nameWords(a)[0] ?? '')).toBe(wordKey(nameWords(b)[0] ?? ''));
  });

  it.each(DIFFERENT)('%s and %s stay apart', (a, b) => {
    expect(wordKey(nameWords(a)[0] ?? '')).not.toBe(wordKey(nameWords(b)[0] ?? ''));
  });

  it('holds only the letters the typo search replaces with', () => {
    for (const [a, b] of SAME) {
      for (const w of [...nameWords(a), ...nameWords(b)])
        expect(wordKey(w)).toMatch(/^[abcdeghiklmnoprstuwz]+$/);
    }
  });
});

describe('nameWords', () => {
  it('drops case, accents, punctuation and apostrophes', () => {
    expect(nameWords("  M. Ma'ruf Al-Fatih, S.Pd ")).toEqual([
      'm',
      'maruf',
      'al',
      'fatih',
      's',
      'pd',
    ]);
    expect(nameWords('ÉLÏSÀ  Putri')).toEqual(['elisa', 'putri']);
  });
});

describe('nameKey', () => {
  it('ignores spaces and spelling variants of the whole name', () => {
    expect(nameKey('Siti Aminah')).toBe(nameKey('SITIAMINAH'));
    expect(nameKey('Nur Hayati')).toBe(nameKey('Nurhayati'));
    expect(nameKey('Muhammad Rizky Saputra')).toBe(nameKey('MUHAMAD RIZKI SAPUTRA'));
    expect(nameKey('Moehammad Joesoef')).toBe(nameKey('Muhammad Yusuf'));
    expect(nameKey('Siti Aminah')).not.toBe(nameKey('Siti Amina Putri'));
  });
});

describe('nameTokens', () => {
  it('keys every word, every two neighbours and every two words one apart', () => {
    expect(nameTokens('Siti Nur Aminah')).toEqual([
      wordKey('siti'),
      wordKey('nur'),
      wordKey('aminah'),
      joinedKey(['siti', 'nur']),
      joinedKey(['nur', 'aminah']),
      joinedKey(['siti', 'aminah']),
    ]);
    expect(nameTokens('Siti Nur Aminah Putri')).toHaveLength(4 + 3 + 2);
  });

  it('lets a name written together meet the same name written apart', () => {
    expect(nameTokens('Nur Hayati')).toContain(nameTokens('Nurhayati')[0]);
    expect(nameTokens('Siti Aminah')).toContain(nameTokens('Sitiaminah')[0]);
  });

  it('leaves initials out and never repeats a token', () => {
    expect(nameTokens('M. Yusuf')).toEqual([wordKey('yusuf')]);
    expect(nameTokens('Dedi Dedy')).toEqual([wordKey('dedi'), joinedKey(['dedi', 'dedy'])]);
    expect(nameTokens(' - ')).toEqual([]);
  });

  it('is the same for an old and a new spelling of a full name', () => {
    expect(nameTokens('Achmad Djoko Soesanto')).toEqual(nameTokens('Ahmad Joko Susanto'));
  });
});
