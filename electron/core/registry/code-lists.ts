import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The code lists of domain §3.3 (OpenSID codes, labels as printed on KK and KTP-el), shipped in
 * resources/data/code-lists.json and checked when loaded: a broken file stops the station at
 * start-up instead of printing a wrong label.
 */

export const CODE_LIST_NAMES = [
  'jenisKelamin',
  'agama',
  'pendidikan',
  'pekerjaan',
  'shdk',
  'statusPerkawinan',
  'golonganDarah',
  'penyandangCacat',
  'kewarganegaraan',
] as const;
export type CodeListName = (typeof CODE_LIST_NAMES)[number];

export function isCodeListName(name: string | null): name is CodeListName {
  return (CODE_LIST_NAMES as readonly (string | null)[]).includes(name);
}
export type Code = number | string;

export interface CodeItem {
  code: Code;
  label: string;
  /** Other labels that mean the same code (older or newer printings); used to read imports. */
  aliases: string[];
}

/** Status hubungan dalam keluarga (SHDK) codes used by the rules. */
export const SHDK = {
  KEPALA_KELUARGA: 1,
  SUAMI: 2,
  ISTRI: 3,
  ANAK: 4,
  MENANTU: 5,
  CUCU: 6,
  ORANG_TUA: 7,
  MERTUA: 8,
  FAMILI_LAIN: 9,
  PEMBANTU: 10,
  LAINNYA: 11,
} as const;

export const MARITAL = { BELUM_KAWIN: 1, KAWIN: 2, CERAI_HIDUP: 3, CERAI_MATI: 4 } as const;

/**
 * Marital status as base status + whether the marriage or divorce is registered (domain §3.3:
 * the SIAK codes of the "belum tercatat" variants are not confirmed, so they are not invented).
 * Only KAWIN and CERAI HIDUP print a recorded variant, as in the 6 categories Disdukcapil uses.
 */
export type MaritalStatus =
  | { status: typeof MARITAL.BELUM_KAWIN | typeof MARITAL.CERAI_MATI; isRecorded: null }
  | { status: typeof MARITAL.KAWIN | typeof MARITAL.CERAI_HIDUP; isRecorded: boolean };

const UPPER_LABEL = z
  .string()
  .min(1)
  .refine((s) => s === s.toUpperCase() && s === s.trim(), 'labels are uppercase, as printed');

const itemSchema = z.strictObject({
  code: z.union([z.number().int().positive(), z.string().regex(/^[A-Z]+$/)]),
  label: UPPER_LABEL,
  aliases: z.array(UPPER_LABEL).optional(),
});

const listSchema = z
  .strictObject({
    title: z.strictObject({ id: z.string().min(1), en: z.string().min(1) }),
    isProtected: z.boolean().optional(),
    items: z.array(itemSchema).min(1),
  })
  .superRefine((list, ctx) => {
    const codes = list.items.map((i) => i.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: 'custom', message: 'codes repeat' });
    const labels = list.items.flatMap((i) => [i.label, ...(i.aliases ?? [])]);
    if (new Set(labels).size !== labels.length) {
      ctx.addIssue({ code: 'custom', message: 'labels repeat' });
    }
    if (new Set(codes.map((c) => typeof c)).size !== 1) {
      ctx.addIssue({ code: 'custom', message: 'codes of one list are all numbers or all text' });
    }
  });

const fileSchema = z.object({
  lists: z.strictObject(
    Object.fromEntries(CODE_LIST_NAMES.map((name) => [name, listSchema])) as Record<
      CodeListName,
      typeof listSchema
    >,
  ),
});

export class CodeLists {
  readonly #lists: Map<CodeListName, { title: { id: string; en: string }; items: CodeItem[] }>;

  constructor(raw: unknown) {
    const parsed = fileSchema.parse(raw);
    this.#lists = new Map(
      CODE_LIST_NAMES.map((name) => {
        const list = parsed.lists[name];
        const items = list.items.map((i) => ({ ...i, aliases: i.aliases ?? [] }));
        return [name, { title: list.title, items }];
      }),
    );
  }

  items(list: CodeListName): readonly CodeItem[] {
    return this.#get(list).items;
  }

  title(list: CodeListName): { id: string; en: string } {
    return this.#get(list).title;
  }

  label(list: CodeListName, code: Code): string | null {
    return this.#get(list).items.find((i) => i.code === code)?.label ?? null;
  }

  isValidCode(list: CodeListName, code: Code): boolean {
    return this.label(list, code) !== null;
  }

  /** The code of a printed label or alias, ignoring case and outer spaces (for imports). */
  codeOfLabel(list: CodeListName, text: string): Code | null {
    const wanted = text.trim().toUpperCase();
    const item = this.#get(list).items.find(
      (i) => i.label === wanted || i.aliases.includes(wanted),
    );
    return item?.code ?? null;
  }

  /** As printed: BELUM KAWIN, KAWIN TERCATAT, KAWIN BELUM TERCATAT, CERAI HIDUP TERCATAT, ... */
  maritalLabel(marital: MaritalStatus): string {
    const base = this.label('statusPerkawinan', marital.status);
    if (base === null) throw new RangeError(`Unknown marital status ${String(marital.status)}`);
    if (marital.isRecorded === null) return base;
    return `${base} ${marital.isRecorded ? 'TERCATAT' : 'BELUM TERCATAT'}`;
  }

  #get(list: CodeListName) {
    const found = this.#lists.get(list);
    if (!found) throw new RangeError(`Unknown code list ${String(list)}`);
    return found;
  }
}

export function loadCodeLists(resourcesDir: string): CodeLists {
  const file = join(resourcesDir, 'data', 'code-lists.json');
  return new CodeLists(JSON.parse(readFileSync(file, 'utf8')) as unknown);
}
