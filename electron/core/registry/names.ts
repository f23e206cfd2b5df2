/**
 * Name normalization for search. Owned by the search code; the import only calls these two
 * functions and stores what they return (residents.name_key, resident_name_tokens.token).
 * First version: case, punctuation and old spelling (oe→u, dj→j, tj→c) only; the search work
 * refines the keys (spelling variants, typos, missing spaces).
 */
const OLD_SPELLING: Array<[RegExp, string]> = [
  [/oe/g, 'u'],
  [/dj/g, 'j'],
  [/tj/g, 'c'],
];

function clean(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ');
  for (const [from, to] of OLD_SPELLING) s = s.replace(from, to);
  return s.replace(/\s+/g, ' ').trim();
}

/** The whole name, normalized, without spaces: what residents.name_key holds. */
export function nameKey(name: string): string {
  return clean(name).replaceAll(' ', '');
}

/** The search tokens of a name: what resident_name_tokens holds for the resident. */
export function nameTokens(name: string): string[] {
  return [...new Set(clean(name).split(' ').filter((t) => t.length > 0))];
}
