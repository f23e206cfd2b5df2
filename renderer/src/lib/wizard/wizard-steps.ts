import type {
  CatalogueField,
  CatalogueRequirement,
  CatalogueService,
} from '../../../../electron/contract';

/**
 * The steps of one service's wizard, derived from the catalogue alone (pure, so the order rules are
 * testable without a DOM): who you are, one question per screen, the photos, consent, review.
 */
export type WizardStep =
  | { kind: 'identify' }
  | { kind: 'field'; field: CatalogueField }
  | { kind: 'photos' }
  | { kind: 'consent' }
  | { kind: 'review' };

/** Asked together on the identify step (keypad), not as questions of their own. */
export const NIK_FIELD = 'pemohon-nik';
export const KK_FIELD = 'pemohon-no-kk';
const IDENTITY_FIELDS: ReadonlySet<string> = new Set([NIK_FIELD, KK_FIELD]);

export function wizardSteps(service: CatalogueService): WizardStep[] {
  const hasIdentity = service.fields.some((f) => IDENTITY_FIELDS.has(f.code));
  const questions = service.fields.filter((f) => !IDENTITY_FIELDS.has(f.code));
  return [
    ...(hasIdentity ? [{ kind: 'identify' as const }] : []),
    ...questions.map((field) => ({ kind: 'field' as const, field })),
    ...(photoRequirements(service).length > 0 ? [{ kind: 'photos' as const }] : []),
    { kind: 'consent' },
    { kind: 'review' },
  ];
}

/** Requirements the kiosk photographs, required ones first (the citizen's checklist). */
export function photoRequirements(service: CatalogueService): CatalogueRequirement[] {
  const rank = { required: 0, conditional: 1, optional: 2 } as const;
  return service.requirements
    .filter((r) => r.isPhotographedAtKiosk)
    .sort((a, b) => rank[a.need] - rank[b.need]);
}

export function identityField(
  service: CatalogueService,
  code: typeof NIK_FIELD | typeof KK_FIELD,
): CatalogueField | null {
  return service.fields.find((f) => f.code === code) ?? null;
}

/** Where a submit failure on `fields.<code>` sends the citizen back to; -1 when nowhere. */
export function stepOfField(steps: readonly WizardStep[], fieldCode: string): number {
  if (IDENTITY_FIELDS.has(fieldCode)) return steps.findIndex((s) => s.kind === 'identify');
  return steps.findIndex((s) => s.kind === 'field' && s.field.code === fieldCode);
}

/** Keeps what the citizen typed; fills only empty answers the service asks for. */
export function applyPrefill(
  service: CatalogueService,
  answers: Record<string, string>,
  prefill: Record<string, string>,
): Record<string, string> {
  const asked = new Set(service.fields.map((f) => f.code));
  const next = { ...answers };
  for (const [code, value] of Object.entries(prefill)) {
    if (asked.has(code) && (next[code] ?? '') === '') next[code] = value;
  }
  return next;
}

/** "15122003" as typed on the keypad → "2003-12-15"; null until it is 8 digits. */
export function dateFromDigits(digits: string): string | null {
  if (!/^[0-9]{8}$/.test(digits)) return null;
  return `${digits.slice(4)}-${digits.slice(2, 4)}-${digits.slice(0, 2)}`;
}

export function digitsFromDate(iso: string): string {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  return match ? `${match[3]}${match[2]}${match[1]}` : '';
}

/** "1512" → "15 / 12 / ____": the keypad's date as it fills up. */
export function dateMask(digits: string): string {
  const slots = (digits + '________').slice(0, 8);
  return `${slots.slice(0, 2)} / ${slots.slice(2, 4)} / ${slots.slice(4)}`;
}

/** Groups of four for reading a NIK or KK back: "1602 0555 1203 0001". */
export function groupDigits(digits: string): string {
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}
