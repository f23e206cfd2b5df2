import type { RegistrySearchArgs } from '../../../../electron/contract';

/** The station's own village and kecamatan, for the area filter. */
export interface UnitPlace {
  villageCode: string;
  villageName: string;
  districtName: string;
}

/** Where to look: everywhere, the unit's kecamatan or village, or a code the officer types. */
export type AreaChoice = 'all' | 'district' | 'village' | 'code';

export interface SearchForm {
  query: string;
  area: AreaChoice;
  /** 6 digits (kecamatan) or 10 (desa/kelurahan), dots allowed, when area is 'code'. */
  code: string;
  yearFrom: string;
  yearTo: string;
  sex: '' | '1' | '2';
}

/** Why a form is not sent yet; keys of registry.hint.* in the dictionaries. */
export type SearchHint = 'start' | 'digits' | 'chars' | 'short' | 'code' | 'year' | 'years';

export const SEARCH_LIMIT = 50;

function year(text: string): number | undefined | null {
  const value = text.trim();
  if (value === '') return undefined;
  if (!/^\d{4}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1850 && n <= 2200 ? n : null;
}

/**
 * Turns what the officer typed into handler arguments, or says what is missing. Digits with
 * spaces, dots or dashes (read off a card) count as a number: the core decides NIK, prefix or KK.
 */
export function searchArgs(
  form: SearchForm,
  unitVillageCode: string | null,
): { args: RegistrySearchArgs } | { hint: SearchHint } {
  const raw = form.query.trim();
  if (raw === '') return { hint: 'start' };
  const isNumber = /^[\d\s.-]+$/.test(raw);
  const query = isNumber ? raw.replace(/[\s.-]/g, '') : raw.replace(/\s+/g, ' ');
  if (isNumber && (query.length < 6 || query.length > 16)) return { hint: 'digits' };
  // Names hold letters and the punctuation of names (M. Yusuf, Al-Fatih, Ma'ruf), as the core says.
  if (!isNumber && !/^[\p{L}\p{M}\s.,'’`-]+$/u.test(query)) return { hint: 'chars' };
  if (!isNumber && !query.split(/[^\p{L}]+/u).some((w) => w.length >= 2)) return { hint: 'short' };

  const from = year(form.yearFrom);
  const to = year(form.yearTo);
  if (from === null || to === null) return { hint: 'year' };
  if (from !== undefined && to !== undefined && from > to) return { hint: 'years' };

  const args: RegistrySearchArgs = { query, limit: SEARCH_LIMIT };
  if (form.area === 'code') {
    const code = form.code.replace(/[\s.]/g, '');
    if (/^\d{6}$/.test(code)) args.districtCode = code;
    else if (/^\d{10}$/.test(code)) args.villageCode = code;
    else return { hint: 'code' };
  } else if (form.area !== 'all' && unitVillageCode) {
    if (form.area === 'village') args.villageCode = unitVillageCode;
    else args.districtCode = unitVillageCode.slice(0, 6);
  }
  if (from !== undefined) args.birthYearFrom = from;
  if (to !== undefined) args.birthYearTo = to;
  if (form.sex !== '') args.sex = form.sex === '1' ? 1 : 2;
  return { args };
}
