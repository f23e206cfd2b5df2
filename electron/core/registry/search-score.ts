import { joinedKey, MIN_TOKEN_LENGTH, nameWords, wordKey } from './names';

/**
 * Ranking of name candidates (docs/registry-search.md). The index finds candidates by sound key;
 * this compares the spelling itself, so "Muhamad" ranks a MUHAMAD above a MUHAMMAD, and a whole
 * name above the same words inside a longer name. Pure and cheap: it runs on at most a few hundred
 * candidates per search.
 */

/** Damerau (optimal string alignment) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** Word scores: what kind of likeness between a typed word and a recorded one. */
export const WORD_SCORE = {
  exact: 1,
  variant: 0.9,
  typo: 0.75,
  prefix: 0.7,
  initial: 0.6,
} as const;

/** Keys shorter than this are never matched with a typo: too many names are one letter apart. */
export const MIN_TYPO_KEY_LENGTH = 4;

function wordScore(typed: string, recorded: string, isLast: boolean): number {
  if (typed === recorded) return WORD_SCORE.exact;
  if (typed.length < MIN_TOKEN_LENGTH) {
    return recorded.startsWith(typed) ? WORD_SCORE.initial : 0;
  }
  const [tk, rk] = [wordKey(typed), wordKey(recorded)];
  if (tk === rk) return WORD_SCORE.variant;
  if (tk.length >= MIN_TYPO_KEY_LENGTH && editDistance(tk, rk, 1) <= 1) return WORD_SCORE.typo;
  if (isLast && (recorded.startsWith(typed) || rk.startsWith(tk))) return WORD_SCORE.prefix;
  return 0;
}

export interface NameScore {
  /** 0..1; 1 only when the name is exactly what was typed. */
  score: number;
  /** Every typed word is spelled as recorded (spaces aside). */
  isExact: boolean;
}

/** Units a typed word may match: each recorded word, and each two neighbours written together. */
function units(words: readonly string[]): Array<{ text: string; covers: number[] }> {
  const out = words.map((text, i) => ({ text, covers: [i] }));
  for (let i = 0; i + 1 < words.length; i += 1) {
    out.push({ text: `${words[i]}${words[i + 1]}`, covers: [i, i + 1] });
  }
  return out;
}

/** How well a recorded name answers the typed one. */
export function scoreName(typed: readonly string[], recordedName: string): NameScore {
  const recorded = nameWords(recordedName);
  if (typed.length === 0 || recorded.length === 0) return { score: 0, isExact: false };
  if (typed.join('') === recorded.join('')) {
    return { score: typed.length === recorded.length ? 1 : 0.97, isExact: true };
  }
  const covered = new Set<number>();
  const scores: number[] = [];
  const candidates = units(recorded);
  for (let i = 0; i < typed.length; i += 1) {
    const word = typed[i] as string;
    // Two typed words that are one recorded word ("nur hayati" for NURHAYATI).
    const next = typed[i + 1];
    if (next !== undefined) {
      const pair = `${word}${next}`;
      const hit = recorded.findIndex((r) => r === pair || wordKey(r) === joinedKey([word, next]));
      if (hit >= 0) {
        const s = recorded[hit] === pair ? 0.95 : WORD_SCORE.variant;
        scores.push(s, s);
        covered.add(hit);
        i += 1;
        continue;
      }
    }
    let best = 0;
    let bestCovers: number[] = [];
    for (const unit of candidates) {
      const s =
        wordScore(word, unit.text, i === typed.length - 1) * (unit.covers.length > 1 ? 0.95 : 1);
      if (s > best) [best, bestCovers] = [s, unit.covers];
    }
    for (const c of bestCovers) covered.add(c);
    // A matching initial only adds coverage: typing "M." must not rank below not typing it.
    if (word.length < MIN_TOKEN_LENGTH && best > 0) continue;
    scores.push(best);
  }
  const mean = scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
  const coverage = covered.size / recorded.length;
  const score = Math.min(0.99, mean * (0.8 + 0.2 * coverage));
  const isExact = scores.every((s) => s === WORD_SCORE.exact) && covered.size > 0;
  return { score: Math.round(score * 1000) / 1000, isExact };
}
