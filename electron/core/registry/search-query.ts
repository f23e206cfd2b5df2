import { joinedKey, MIN_TOKEN_LENGTH, nameWords, wordKey } from './names';
import { MIN_TYPO_KEY_LENGTH } from './search-score';

/**
 * What the officer typed, read once: a NIK, a NIK prefix, or a name (docs/registry-search.md).
 * Pure; the zod schema of registry-search uses parseSearchQuery to refuse bad input.
 */
export type ParsedQuery =
  | { kind: 'number'; digits: string }
  | { kind: 'prefix'; digits: string }
  | { kind: 'name'; words: string[] };

export const QUERY_MAX_LENGTH = 80;
/** Words used to find candidates; more words are still used to rank them. */
export const MAX_INDEX_WORDS = 4;

/** Digits with the separators people type (spaces, dots, dashes) removed; null for a name. */
function digitsOf(query: string): string | null {
  return /^[0-9\s.-]+$/.test(query) ? query.replace(/[\s.-]/g, '') : null;
}

/** The parsed query, or a reason code for refusing it. */
export function parseSearchQuery(query: string): ParsedQuery | { error: string } {
  const trimmed = query.trim();
  if (trimmed.length === 0) return { error: 'QUERY_EMPTY' };
  if (trimmed.length > QUERY_MAX_LENGTH) return { error: 'QUERY_TOO_LONG' };
  const digits = digitsOf(trimmed);
  if (digits !== null) {
    if (digits.length === 16) return { kind: 'number', digits };
    if (digits.length >= 6 && digits.length < 16) return { kind: 'prefix', digits };
    return { error: 'QUERY_DIGITS_LENGTH' };
  }
  // Names hold letters, spaces and the punctuation of names (M. Yusuf, Al-Fatih, Ma'ruf).
  if (!/^[\p{L}\p{M}\s.,'’`-]+$/u.test(trimmed)) return { error: 'QUERY_CHARACTERS' };
  const words = nameWords(trimmed);
  if (!words.some((w) => w.length >= MIN_TOKEN_LENGTH)) return { error: 'QUERY_TOO_SHORT' };
  return { kind: 'name', words };
}

/** One condition on a resident's tokens: any of these keys, or a key starting with `prefix`. */
export type TokenGroup = { keys: string[] } | { prefix: string };

/** Every word's key, one group a word; initials are left to the ranking. */
export function strictGroups(words: readonly string[]): TokenGroup[] {
  return indexWords(words).map((w) => ({ keys: [wordKey(w)] }));
}

/** The words that drive the index: initials out, at most MAX_INDEX_WORDS, longest first. */
export function indexWords(words: readonly string[]): string[] {
  const usable = words.filter((w) => w.length >= MIN_TOKEN_LENGTH);
  if (usable.length <= MAX_INDEX_WORDS) return usable;
  const longest = [...usable].sort((a, b) => b.length - a.length).slice(0, MAX_INDEX_WORDS);
  return usable.filter((w) => longest.includes(w));
}

/** Keys the sound-key alphabet can hold (f→p, j/y→i, q→k, v→p, x→ks). */
const KEY_ALPHABET = 'abcdeghiklmnoprstuwz';

/** Every string one edit away (delete, swap, replace, insert), without doubled letters. */
export function oneEditAway(key: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < key.length; i += 1) {
    out.add(key.slice(0, i) + key.slice(i + 1));
    if (i + 1 < key.length) out.add(key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2));
    for (const c of KEY_ALPHABET) out.add(key.slice(0, i) + c + key.slice(i + 1));
  }
  for (let i = 0; i <= key.length; i += 1) {
    for (const c of KEY_ALPHABET) out.add(key.slice(0, i) + c + key.slice(i));
  }
  out.delete(key);
  return [...out].filter((k) => k.length > 0 && !/(.)\1/.test(k));
}

/** Whether typo neighbours are worth looking up for this key. */
export function allowsTypos(key: string): boolean {
  return key.length >= MIN_TYPO_KEY_LENGTH;
}

/**
 * Other readings of the typed words with two neighbours written together: "nur hayati" also
 * as "nurhayati", found through the joined tokens of nameTokens.
 */
export function mergedReadings(words: readonly string[]): TokenGroup[][] {
  const usable = indexWords(words);
  const readings: TokenGroup[][] = [];
  for (let i = 0; i + 1 < usable.length; i += 1) {
    const groups: TokenGroup[] = [];
    usable.forEach((w, j) => {
      if (j === i) groups.push({ keys: [joinedKey([w, usable[j + 1] as string])] });
      else if (j !== i + 1) groups.push({ keys: [wordKey(w)] });
    });
    readings.push(groups);
  }
  return readings;
}
