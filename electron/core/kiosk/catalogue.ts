import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CatalogueField,
  CatalogueForm,
  CatalogueRequirement,
  CatalogueService,
  KioskCatalogue,
  ServiceItem,
} from '../../contract';
import { CODE_LIST_NAMES } from '../registry/code-lists';
import {
  catalogueFileSchema,
  type CatalogueFile,
  type FieldDef,
  type RequirementDef,
  type ServiceDef,
} from './catalogue-schema';

/**
 * The kiosk service catalogue (domain §3.4), loaded once at start-up. A broken file stops the
 * station with every problem listed, instead of a wizard that asks for a requirement nobody defined.
 */

export const CATALOGUE_FILE = join('data', 'catalogue.json');

export class CatalogueError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Service catalogue ${CATALOGUE_FILE} is invalid:\n- ${problems.join('\n- ')}`);
    this.name = 'CatalogueError';
    this.problems = problems;
  }
}

export function loadCatalogue(resourcesDir: string): KioskCatalogue {
  const file = join(resourcesDir, CATALOGUE_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw new CatalogueError([`cannot read ${file}: ${String(error)}`]);
  }
  return parseCatalogue(raw);
}

/** Validates and resolves a catalogue; `codeListNames` are the lists of code-lists.json. */
export function parseCatalogue(
  raw: unknown,
  codeListNames: readonly string[] = CODE_LIST_NAMES,
): KioskCatalogue {
  const parsed = catalogueFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogueError(parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  }
  const problems = crossCheck(parsed.data, new Set(codeListNames));
  if (problems.length > 0) throw new CatalogueError(problems);
  return resolve(parsed.data);
}

/** The home-screen tiles: one per group, in file order. */
export function toServiceItems(catalogue: KioskCatalogue): ServiceItem[] {
  return catalogue.groups.map((g) => ({
    code: g.code,
    queueLetter: g.queueLetter,
    icon: g.icon,
    title: g.title,
    summary: g.summary,
  }));
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) repeated.add(v);
    seen.add(v);
  }
  return [...repeated];
}

function crossCheck(file: CatalogueFile, codeLists: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const services = file.groups.flatMap((g) => g.services);
  const namespaces: Array<[what: string, codes: string[]]> = [
    ['form', file.forms.map((f) => f.code)],
    ['requirement', file.requirements.map((r) => r.code)],
    ['field', file.fields.map((f) => f.code)],
    ['notice', file.notices.map((n) => n.code)],
    // Groups and services share one namespace: a queue ticket names either.
    ['group or service code', [...file.groups, ...services].map((s) => s.code)],
    ['queue letter', file.groups.map((g) => g.queueLetter)],
  ];
  for (const [what, codes] of namespaces) {
    for (const d of duplicates(codes)) problems.push(`${what} "${d}" is defined more than once`);
  }

  const forms = new Set(file.forms.map((f) => f.code));
  const requirements = new Set(file.requirements.map((r) => r.code));
  const fields = new Set(file.fields.map((f) => f.code));

  file.requirements.forEach((r, i) => {
    const at = `requirements[${i}] "${r.code}"`;
    if ((r.kind === 'form') !== (r.form !== undefined))
      problems.push(`${at}: a requirement of kind "form" names its form, others do not`);
    if (r.form !== undefined && !forms.has(r.form))
      problems.push(`${at}: unknown form "${r.form}"`);
  });
  file.fields.forEach((f, i) =>
    problems.push(...checkField(f, `fields[${i}] "${f.code}"`, codeLists)),
  );
  file.groups.forEach((g, gi) => {
    const at = `groups[${gi}] "${g.code}"`;
    if (g.kind === 'application' && g.services.length === 0)
      problems.push(`${at}: an application group needs at least one service`);
    if (g.kind === 'status-check' && g.services.length > 0)
      problems.push(`${at}: a status-check group has no services`);
    g.services.forEach((s, si) => {
      problems.push(
        ...checkService(s, `${at}.services[${si}] "${s.code}"`, { forms, requirements, fields }),
      );
    });
  });
  return problems;
}

function checkField(f: FieldDef, at: string, codeLists: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if ((f.type === 'select') !== (f.codeList !== undefined))
    problems.push(`${at}: a "select" field names a code list, other types do not`);
  if (f.codeList !== undefined && !codeLists.has(f.codeList))
    problems.push(`${at}: unknown code list "${f.codeList}" (not in code-lists.json)`);
  if (f.type === 'choice') {
    const values = (f.options ?? []).map((o) => o.value);
    if (values.length < 2) problems.push(`${at}: a "choice" field needs at least two options`);
    for (const d of duplicates(values)) problems.push(`${at}: option "${d}" repeats`);
  } else if (f.options !== undefined) {
    problems.push(`${at}: only a "choice" field has options`);
  }
  const pattern = f.validation?.pattern;
  if (pattern !== undefined) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      problems.push(`${at}: pattern ${pattern} is not a valid regular expression`);
    }
  }
  if (f.validation?.notInFuture && f.type !== 'date')
    problems.push(`${at}: notInFuture applies to dates only`);
  return problems;
}

function checkService(
  s: ServiceDef,
  at: string,
  known: { forms: Set<string>; requirements: Set<string>; fields: Set<string> },
): string[] {
  const problems: string[] = [];
  const uses = [
    ...s.requirements.map((u, i) => ({
      ...u,
      at: `${at}.requirements[${i}]`,
      kind: 'requirement',
    })),
    ...s.fields.map((u, i) => ({ ...u, at: `${at}.fields[${i}]`, kind: 'field' })),
  ];
  for (const u of uses) {
    const set = u.kind === 'requirement' ? known.requirements : known.fields;
    if (!set.has(u.ref)) problems.push(`${u.at}: unknown ${u.kind} "${u.ref}"`);
    if ((u.need === 'conditional') !== (u.condition !== undefined))
      problems.push(`${u.at}: "${u.ref}" needs a condition exactly when need is "conditional"`);
  }
  s.requirements.forEach((u, i) => {
    for (const alt of u.alternatives ?? []) {
      if (!known.requirements.has(alt))
        problems.push(`${at}.requirements[${i}]: unknown alternative requirement "${alt}"`);
    }
  });
  for (const d of duplicates(s.requirements.map((u) => u.ref)))
    problems.push(`${at}: requirement "${d}" is listed twice`);
  for (const d of duplicates(s.fields.map((u) => u.ref)))
    problems.push(`${at}: field "${d}" is listed twice`);
  for (const f of s.forms) if (!known.forms.has(f)) problems.push(`${at}: unknown form "${f}"`);
  return problems;
}

function resolve(file: CatalogueFile): KioskCatalogue {
  const forms = new Map<string, CatalogueForm>(
    file.forms.map((f) => [
      f.code,
      { code: f.code, title: f.title, verified: f.verified, source: f.source },
    ]),
  );
  const requirements = new Map(file.requirements.map((r) => [r.code, r]));
  const fields = new Map(file.fields.map((f) => [f.code, f]));
  const must = <T>(map: Map<string, T>, code: string): T => {
    const found = map.get(code);
    if (found === undefined) throw new Error(`unchecked reference ${code}`);
    return found;
  };
  const toRequirement = (use: ServiceDef['requirements'][number]): CatalogueRequirement => {
    const def: RequirementDef = must(requirements, use.ref);
    return {
      code: def.code,
      kind: def.kind,
      label: def.label,
      hint: def.hint ?? null,
      need: use.need,
      condition: use.condition ?? null,
      bringOriginal: def.bringOriginal,
      isPhotographedAtKiosk: def.photoAtKiosk,
      form: def.form === undefined ? null : must(forms, def.form),
      alternatives: (use.alternatives ?? []).map((code) => ({
        code,
        label: must(requirements, code).label,
      })),
    };
  };
  const toField = (use: ServiceDef['fields'][number]): CatalogueField => {
    const def: FieldDef = must(fields, use.ref);
    return {
      code: def.code,
      type: def.type,
      label: use.label ?? def.label,
      hint: def.hint ?? null,
      need: use.need,
      condition: use.condition ?? null,
      codeList: def.codeList ?? null,
      options: def.options ?? [],
      validation: {
        minLength: def.validation?.minLength ?? null,
        maxLength: def.validation?.maxLength ?? null,
        pattern: def.validation?.pattern ?? null,
        isNotInFuture: def.validation?.notInFuture ?? false,
      },
    };
  };
  const toService = (s: ServiceDef, groupCode: string): CatalogueService => ({
    code: s.code,
    groupCode,
    title: s.title,
    summary: s.summary,
    explanation: s.explanation,
    eligibility: s.eligibility,
    requirements: s.requirements.map(toRequirement),
    fields: s.fields.map(toField),
    forms: s.forms.map((code) => must(forms, code)),
    legalBasis: s.legalBasis,
    hasChildData: s.hasChildData ?? false,
    changesResident: s.changesResident,
    verified: s.verified,
    source: s.source,
  });
  return {
    version: file.version,
    fee: file.fee,
    freeOfCharge: file.freeOfCharge,
    notices: file.notices,
    groups: file.groups.map((g) => ({
      code: g.code,
      queueLetter: g.queueLetter,
      icon: g.icon,
      kind: g.kind,
      title: g.title,
      summary: g.summary,
      services: g.services.map((s) => toService(s, g.code)),
    })),
  };
}
