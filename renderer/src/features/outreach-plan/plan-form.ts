import type {
  InvitationRule,
  OutreachEventDetail,
  OutreachEventPlan,
  OutreachPlanOptions,
  OutreachTask,
  ReadinessItemId,
} from '../../../../electron/contract';

/** Pure parts of the plan screens (no Svelte, no connection): the form, its checks, labels. */

export const TASKS: readonly OutreachTask[] = [
  'ketua',
  'perekaman',
  'verifikasi',
  'cetak',
  'antrean',
];
export const RULES: readonly InvitationRule[] = [
  'turning-17',
  'married-no-kk-update',
  'child-no-kia',
  'open-application',
];
export const STOCK_ITEMS = ['blanko-ktp-el', 'blanko-kia', 'ribbon'] as const;
export const MAX_TARGET = 10_000;
export const OVERRIDE_MIN = 10;
export const OVERRIDE_MAX = 500;

/** The plan form as typed: targets are text until saved. */
export interface PlanForm {
  name: string;
  kecamatan: string;
  villages: string[];
  days: string[];
  venue: string;
  /** userId -> task; absent = not on the team. */
  team: Record<string, OutreachTask>;
  /** serviceCode -> target as typed; absent = not offered. */
  services: Record<string, string>;
}

export function emptyForm(options: OutreachPlanOptions): PlanForm {
  const kecamatan = options.unitVillageCode.slice(0, 6);
  return {
    name: '',
    kecamatan,
    villages: [options.unitVillageCode],
    days: [options.today],
    venue: '',
    team: {},
    services: {},
  };
}

export function formOf(event: OutreachEventDetail): PlanForm {
  return {
    name: event.name,
    kecamatan: event.kecamatan.code,
    villages: event.villages.map((v) => v.code),
    days: [...event.days],
    venue: event.venue,
    team: Object.fromEntries(event.team.map((m) => [m.userId, m.task])),
    services: Object.fromEntries(event.services.map((s) => [s.serviceCode, String(s.target)])),
  };
}

export type FormProblem = 'noVillage' | 'noDay' | 'badTarget';

/** The form's own checks (the core checks every rule again); the plan to send when they pass. */
export function planOf(
  form: PlanForm,
): { ok: true; plan: OutreachEventPlan } | { ok: false; problem: FormProblem } {
  const villages = form.villages.filter((code) => code.startsWith(form.kecamatan));
  if (villages.length === 0) return { ok: false, problem: 'noVillage' };
  if (form.days.length === 0) return { ok: false, problem: 'noDay' };
  const services: OutreachEventPlan['services'] = [];
  for (const [serviceCode, typed] of Object.entries(form.services)) {
    const text = typed.trim();
    if (!/^\d{1,5}$/.test(text) || Number(text) > MAX_TARGET)
      return { ok: false, problem: 'badTarget' };
    services.push({ serviceCode, target: Number(text) });
  }
  return {
    ok: true,
    plan: {
      name: form.name,
      villageCodes: villages,
      days: [...form.days].sort(),
      venue: form.venue,
      team: Object.entries(form.team).map(([userId, task]) => ({ userId, task })),
      services,
    },
  };
}

/** Adds a day (YYYY-MM-DD) once, keeping the list ascending. */
export function withDay(days: readonly string[], day: string): string[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || days.includes(day)) return [...days];
  return [...days, day].sort();
}

/** The items that keep an event from starting without a reason. */
export function blocking(event: OutreachEventDetail): ReadinessItemId[] {
  return event.readiness.items
    .filter((i) => i.state === 'failed' || (i.state === 'confirm' && i.confirmedAt === null))
    .map((i) => i.id);
}

/** A whole number 1..10000 as typed, else null. */
export function checkoutCount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= 1 && n <= MAX_TARGET ? n : null;
}

/** Bytes of a base64 string, for a download link. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
