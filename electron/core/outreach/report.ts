import {
  fail,
  failWith,
  ok,
  type KioskCatalogue,
  type OutreachReportFigures,
  type OutreachStock,
  type OutreachStockItem,
  type OutreachText,
  type Result,
  type VisitServiceStatus,
} from '../../contract';
import {
  outreachEventRow,
  outreachEventServices,
  outreachStockSums,
  printsBetween,
  reportServices,
  reportVisits,
  type OutreachEventRow,
  type ReportServiceRow,
  type ReportVisitRow,
} from '../../../db/queries/outreach-report';
import { jakartaDay, jakartaDayRange } from '../common/jakarta';
import type { CoreDeps } from '../deps';

/**
 * The end-of-day and whole-event report figures (issue 16 item 6; docs/outreach-report.md).
 * `computeFigures` is pure (rows in, figures out); `reportFigures` reads the rows.
 */

/** The KTP-el recording "service" of an event (not a catalogue application service). */
export const RECORDING_SERVICE = 'perekaman-ktp-el';
export const STOCK_ITEMS: readonly OutreachStockItem[] = ['blanko-ktp-el', 'blanko-kia', 'ribbon'];
export const AGE_BANDS = ['0-4', '5-15', '16-17', '18-59', '60+'] as const;
/** The band of a subject whose birth date the station does not know. */
export const UNKNOWN_BAND = '?';
const PENDING: ReadonlySet<string> = new Set(['waiting', 'in-progress', 'follow-up']);
const MAX_REASON = 200;

export interface ReportInput {
  eventId: string;
  scope: string;
  generatedAt: string;
  /** The event's planned services, in plan order (shown even at zero). */
  planned: readonly string[];
  titleOf(code: string): OutreachText;
  visits: readonly ReportVisitRow[];
  services: readonly ReportServiceRow[];
  prints: number;
  /** Stock sums of the scope (movements in it) and up to its end (for what is left). */
  stockInScope: readonly { item: string; kind: string; total: number }[];
  stockToEnd: readonly { item: string; kind: string; total: number }[];
}

/** Whole years from `birth` to `day` (both YYYY-MM-DD); null for a malformed date. */
export function ageOn(birth: string | null, day: string): number | null {
  if (birth === null || !/^\d{4}-\d{2}-\d{2}$/.test(birth)) return null;
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  const age = day.slice(5) < birth.slice(5) ? years - 1 : years;
  return age >= 0 ? age : null;
}

export function ageBand(age: number | null): string {
  if (age === null) return UNKNOWN_BAND;
  if (age <= 4) return '0-4';
  if (age <= 15) return '5-15';
  if (age <= 17) return '16-17';
  if (age <= 59) return '18-59';
  return '60+';
}

/** The median, one decimal; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] as number)
      : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

const minutesBetween = (from: string, to: string): number =>
  (Date.parse(to) - Date.parse(from)) / 60_000;

function stockOf(
  inScope: ReportInput['stockInScope'],
  toEnd: ReportInput['stockToEnd'],
): OutreachStock {
  const sum = (rows: ReportInput['stockInScope'], item: string, kind: string): number =>
    rows
      .filter((r) => r.item === item && r.kind === kind)
      .reduce((total, r) => total + Number(r.total), 0);
  return {
    items: STOCK_ITEMS.map((item) => ({
      item,
      out: sum(inScope, item, 'out'),
      used: sum(inScope, item, 'used'),
      spoiled: sum(inScope, item, 'spoiled'),
      returned: sum(inScope, item, 'returned'),
      left:
        sum(toEnd, item, 'out') -
        sum(toEnd, item, 'used') -
        sum(toEnd, item, 'spoiled') -
        sum(toEnd, item, 'returned'),
    })),
  };
}

export function computeFigures(input: ReportInput): OutreachReportFigures {
  const visits = new Map(input.visits.map((v) => [v.id, v]));
  const codes = [...input.planned];
  for (const code of [...new Set(input.services.map((s) => s.service_code))].sort())
    if (!codes.includes(code)) codes.push(code);

  let firstTime = 0;
  let asked = 0;
  let sameDayAll = 0;
  const services = codes.map((code) => {
    const rows = input.services.filter(
      (s) => s.service_code === code && s.status !== 'cancelled' && visits.has(s.visit_id),
    );
    const byAgeBand: Record<string, number> = Object.fromEntries(AGE_BANDS.map((b) => [b, 0]));
    const minutes: number[] = [];
    let male = 0;
    let female = 0;
    let done = 0;
    let sameDay = 0;
    for (const row of rows) {
      const visit = visits.get(row.visit_id) as ReportVisitRow;
      if (row.subject_sex === 'L') male += 1;
      else if (row.subject_sex === 'P') female += 1;
      const age = ageOn(row.recording_birth_date ?? row.subject_birth_date, visit.day);
      const band = ageBand(age);
      byAgeBand[band] = (byAgeBand[band] ?? 0) + 1;
      if (row.status !== 'done') continue;
      done += 1;
      if (row.finished_at !== null) {
        minutes.push(minutesBetween(visit.arrived_at, row.finished_at));
        if (jakartaDay(new Date(row.finished_at)) === visit.day) sameDay += 1;
      }
      if (
        code === RECORDING_SERVICE &&
        row.recording_status !== 'duplicate' &&
        age !== null &&
        age >= 16 &&
        age <= 17
      )
        firstTime += 1;
    }
    asked += rows.length;
    sameDayAll += sameDay;
    return {
      serviceCode: code,
      title: input.titleOf(code),
      total: rows.length,
      male,
      female,
      byAgeBand,
      medianMinutes: median(minutes),
      sameDay,
      done,
    };
  });

  const pending = input.services
    .filter((s) => PENDING.has(s.status) && visits.has(s.visit_id))
    .map((s) => {
      const visit = visits.get(s.visit_id) as ReportVisitRow;
      return {
        day: visit.day,
        number: visit.number,
        serviceCode: s.service_code,
        status: s.status as VisitServiceStatus,
        reason: (s.reason ?? '').slice(0, MAX_REASON),
      };
    });

  return {
    eventId: input.eventId,
    scope: input.scope,
    generatedAt: input.generatedAt,
    visitors: input.visits.length,
    peopleServed: input.visits.filter((v) => v.status === 'done').length,
    services,
    firstTimeRecordings: firstTime,
    prints: input.prints,
    blanks: stockOf(input.stockInScope, input.stockToEnd),
    pending,
    sameDayShare: asked === 0 ? null : Math.round((sameDayAll / asked) * 10_000) / 10_000,
  };
}

/** A service's two-language title: the catalogue's, the recording's, else its code. */
export function serviceTitle(catalogue: KioskCatalogue, code: string): OutreachText {
  if (code === RECORDING_SERVICE) return { id: 'Perekaman KTP-el', en: 'KTP-el recording' };
  for (const group of catalogue.groups)
    for (const service of group.services)
      if (service.code === code) return { id: service.title.id, en: service.title.en };
  return { id: code, en: code };
}

export const eventDays = (event: OutreachEventRow): string[] => {
  try {
    const days = JSON.parse(event.days) as unknown;
    return Array.isArray(days) ? days.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
};

/** A report scope: the whole event or one of its days (a day not yet over is allowed). */
export function checkScope(event: OutreachEventRow, scope: string): Result<string | null> {
  if (scope === 'event') return ok(null);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(scope) || !eventDays(event).includes(scope))
    return failWith('INVALID_ARGS', 'REPORT_BAD_SCOPE', `Not a day of this event: ${scope}`);
  return ok(scope);
}

export async function loadEvent(
  deps: CoreDeps,
  eventId: string,
): Promise<Result<OutreachEventRow>> {
  const event = await outreachEventRow(deps.db, eventId);
  return event ? ok(event) : fail('NOT_FOUND', 'No such outreach event');
}

/** Reads the scope's rows and computes its figures now. */
export async function reportFigures(
  deps: CoreDeps,
  event: OutreachEventRow,
  scope: string,
): Promise<Result<OutreachReportFigures>> {
  const checked = checkScope(event, scope);
  if (!checked.ok) return checked;
  const day = checked.value;
  const days = day === null ? eventDays(event) : [day];
  const [planned, visits, services] = await Promise.all([
    outreachEventServices(deps.db, event.id),
    reportVisits(deps.db, event.id, day),
    reportServices(deps.db, event.id, day),
  ]);
  let prints = 0;
  for (const d of days) {
    const range = jakartaDayRange(d);
    prints += await printsBetween(deps.db, range.from, range.to);
  }
  const range = day === null ? null : jakartaDayRange(day);
  const stockInScope = await outreachStockSums(deps.db, event.id, range ?? {});
  const stockToEnd = await outreachStockSums(deps.db, event.id, range ? { to: range.to } : {});
  return ok(
    computeFigures({
      eventId: event.id,
      scope,
      generatedAt: deps.ports.clock.now().toISOString(),
      planned: planned.map((p) => p.service_code),
      titleOf: (code) => serviceTitle(deps.catalogue, code),
      visits,
      services,
      prints,
      stockInScope,
      stockToEnd,
    }),
  );
}
