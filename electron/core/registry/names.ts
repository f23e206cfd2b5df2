/**
 * Name keys for search (docs/registry-search.md). Owned by the search code; the import only calls
 * nameKey and nameTokens and stores what they return (residents.name_key, resident_name_tokens).
 *
 * A key is a "sound skeleton" of a word: spellings that officers meet for the same Indonesian name
 * (old spelling, Arabic transliteration, doubled letters, silent or aspirated h, f/p, y/i/j) give
 * the same key, so a variant is one index probe. Keys are only ever compared, never shown; the
 * ranking compares the spelling itself (search-score.ts). Changing a rule changes stored keys, so
 * a change here needs a rebuild of name_key and resident_name_tokens.
 */

/** Lowercase ASCII words: accents stripped, anything but letters is a word break. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 0);
}

/** Whole words written in many ways, and their abbreviations, mapped to one form. */
const ALIASES: ReadonlyArray<[RegExp, string]> = [
  // Muhammad, Muhamad, Mohammad, Mohamad, Mochammad, Moehammad, Muhammed, Mohamed ...
  [/^m(u|o|ou)c?h+a+m+(a|e)d$/, 'muhamad'],
  [/^(muhd|mohd|mochd|mhd|moh|muh|mhmd|moch|much)$/, 'muhamad'],
  [/^(abd|abdol)$/, 'abdul'],
  [/^(noor|nour)$/, 'nur'],
];

/**
 * Van Ophuijsen / Soewandi spelling (before 1972), per word: oe→u, dj→j, tj→c, then j→y (old j
 * is today's y: Jusuf/Yusuf, Njoman/Nyoman, Sjahrir/Syahrir). Done per word so that writing
 * two words together never makes a new "dj" across the join.
 */
const OLD_SPELLING: ReadonlyArray<[RegExp, string]> = [
  [/oe/g, 'u'],
  [/dj/g, 'j'],
  [/tj/g, 'c'],
  [/j/g, 'y'],
];

/** Ordered rewrites on the (possibly joined) words; later rules see earlier output. */
const RULES: ReadonlyArray<[RegExp, string]> = [
  [/ch/g, 'h'], // Achmad/Ahmad, Rachmat/Rahmat, Chairul/Hairul
  [/kh/g, 'h'], // Khairul/Hairul, Rakhmat/Rahmat
  [/s[hy](?=[aeiou])/g, 's'], // Syahrul/Sahrul, Aisyah/Aisah (not Dessy)
  [/dz/g, 'z'], // Dzulkifli/Zulkifli
  [/([dtbg])h/g, '$1'], // Ramadhan/Ramadan, Fathur/Fatur
  [/ph/g, 'f'],
  [/ts/g, 's'], // Tsabit/Sabit
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/ck/g, 'k'],
  [/[fv]/g, 'p'], // Saiful/Saipul, Taufik/Topik, Novi/Nopi, Safitri/Sapitri
  [/oo|ou/g, 'u'],
  [/ie/g, 'i'], // Arief/Arif, Novie/Novi
  [/y/g, 'i'], // Rizky/Rizki, Supriyadi/Supriadi
  [/ae/g, 'ai'], // Anggraeni/Anggraini
  [/oi/g, 'ai'], // Khoiriyah/Khairiyah
  [/au/g, 'o'], // Taufik/Topik
  [/([aeiou])h([aeiou])/g, '$1$2'], // Sugiharto/Sugiarto
  [/([aeiou])h$/g, '$1'], // Rahmah/Rahma, Aisyah/Aisah
  [/(.)\1+/g, '$1'], // doubled letters: Muhammad, Effendi, Herry, Dessy
];

/** A word in today's spelling, or its alias. */
function canonical(word: string): string {
  let s = word;
  for (const [pattern, to] of OLD_SPELLING) s = s.replace(pattern, to);
  for (const [pattern, to] of ALIASES) if (pattern.test(s)) return to;
  return s;
}

/** The sound key of one normalized word (or of several words written together). */
export function wordKey(word: string): string {
  let s = canonical(word);
  for (const [pattern, to] of RULES) s = s.replace(pattern, to);
  return s;
}

/** The key of words written together ("Siti Aminah" → as if "Sitiaminah"). */
export function joinedKey(words: readonly string[]): string {
  return wordKey(words.map(canonical).join(''));
}

/** Whole name as one key, spaces ignored: what residents.name_key holds. */
export function nameKey(name: string): string {
  return joinedKey(nameWords(name));
}

/** Words shorter than this are initials ("M. Yusuf"): scored, never required by the index. */
export const MIN_TOKEN_LENGTH = 2;

/**
 * The rows of resident_name_tokens for one name: the key of every word; the key of every two
 * neighbouring words written together, so that "Nur Hayati" is found as "Nurhayati" and the
 * other way round; and the key of every two words one apart ("Muhammad Saputra" for MUHAMMAD
 * RIZKI SAPUTRA), so that two typed words are one rare key instead of two common ones.
 */
export function nameTokens(name: string): string[] {
  const words = nameWords(name).filter((w) => w.length >= MIN_TOKEN_LENGTH);
  const tokens = words.map(wordKey);
  for (const gap of [1, 2]) {
    for (let i = 0; i + gap < words.length; i += 1) {
      tokens.push(joinedKey([words[i] as string, words[i + gap] as string]));
    }
  }
  return [...new Set(tokens.filter((t) => t.length > 0))];
}
