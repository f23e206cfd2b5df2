import type { Kysely } from 'kysely';
import {
  failWith,
  ok,
  type OutreachEventDetail,
  type OutreachEventPlan,
  type OutreachEventSummary,
  type OutreachPlanOptions,
  type OutreachServiceTarget,
  type OutreachTask,
  type OutreachText,
  type Result,
} from '../../contract';
import {
  activeUsers,
  getEvent,
  insertEvent,
  listEvents,
  regionsByCode,
  replaceServices,
  replaceTeam,
  runningEventRow,
  servicesOf,
  teamOf,
  updateEventPlan,
  type OutreachEventRow,
} from '../../../db/queries/outreach-plan';
import { regionsUnder } from '../../../db/queries/regions';
import type { Database } from '../../../db/schema';
import { jakartaDay } from '../common/jakarta';
import { officerName, type Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import { checkReadiness, storedReadiness } from './readiness';
import { eventStock, officeStock } from './stock';

/**
 * The plan of a Jelades Semedi outreach event (docs/outreach.md, "Plan"): validation, the event's
 * summary and detail, and the running event the other outreach parts work in.
 */

export const RECORDING_SERVICE = 'perekaman-ktp-el';
export const PLAN_LIMITS = {
  name: { min: 3, max: 120 },
  venue: { min: 3, max: 200 },
  villages: 20,
  days: 14,
  /** Days from the first to the last day of one event. */
  spreadDays: 31,
  /** How far ahead a plan may go. */
  aheadDays: 366,
  team: 30,
  services: 40,
  target: 10_000,
} as const;
const DAY_MS = 24 * 3600 * 1000;
const TASKS: readonly OutreachTask[] = ['ketua', 'perekaman', 'verifikasi', 'cetak', 'antrean'];

const RECORDING_TITLE: OutreachText = { id: 'Perekaman KTP-el', en: 'KTP-el recording' };

/** Every service code a plan may offer, with its title (catalogue order, recording first). */
export function offeredServices(deps: Pick<CoreDeps, 'catalogue'>): Map<string, OutreachText> {
  const services = new Map<string, OutreachText>([[RECORDING_SERVICE, RECORDING_TITLE]]);
  for (const group of deps.catalogue.groups)
    for (const service of group.services) services.set(service.code, service.title);
  return services;
}

export interface CheckedPlan {
  name: string;
  villages: Array<{ code: string; name: string }>;
  kecamatan: { code: string; name: string };
  days: string[];
  venue: string;
  team: Array<{ userId: string; task: OutreachTask }>;
  services: Array<{ serviceCode: string; target: number }>;
}

type Refusal = ReturnType<typeof failWith>;
const bad = (reason: string, message: string, field: string): Refusal =>
  failWith('INVALID_ARGS', reason, message, [field]);

function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

function checkDays(days: readonly string[], today: string): Result<string[]> {
  if (days.length === 0) return bad('NO_DAY', 'At least one day', 'plan.days');
  if (days.length > PLAN_LIMITS.days)
    return bad('TOO_MANY_DAYS', `At most ${PLAN_LIMITS.days} days`, 'plan.days');
  for (const day of days)
    if (!isCalendarDay(day)) return bad('BAD_DAY', `Not a calendar day: ${day}`, 'plan.days');
  if (new Set(days).size !== days.length)
    return bad('DUPLICATE_DAY', 'A day is given twice', 'plan.days');
  const sorted = [...days].sort();
  const first = sorted[0] ?? today;
  const last = sorted.at(-1) ?? today;
  if (first < today) return bad('DAY_IN_PAST', `${first} is before today (${today})`, 'plan.days');
  if (dayMs(last) - dayMs(today) > PLAN_LIMITS.aheadDays * DAY_MS)
    return bad('DAY_TOO_FAR', `${last} is more than a year ahead`, 'plan.days');
  if (dayMs(last) - dayMs(first) >= PLAN_LIMITS.spreadDays * DAY_MS)
    return bad(
      'DAYS_SPREAD',
      `The days span more than ${PLAN_LIMITS.spreadDays} days`,
      'plan.days',
    );
  return ok(sorted);
}

async function checkVillages(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
  codes: readonly string[],
): Promise<Result<{ villages: CheckedPlan['villages']; kecamatan: CheckedPlan['kecamatan'] }>> {
  if (codes.length === 0) return bad('NO_VILLAGE', 'At least one village', 'plan.villageCodes');
  if (codes.length > PLAN_LIMITS.villages)
    return bad('TOO_MANY_VILLAGES', `At most ${PLAN_LIMITS.villages}`, 'plan.villageCodes');
  if (new Set(codes).size !== codes.length)
    return bad('DUPLICATE_VILLAGE', 'A village is given twice', 'plan.villageCodes');
  for (const code of codes)
    if (!/^\d{10}$/.test(code))
      return bad('BAD_VILLAGE', `Not a village code: ${code}`, 'plan.villageCodes');
  const kecamatanCode = codes[0]?.slice(0, 6) ?? '';
  if (codes.some((c) => c.slice(0, 6) !== kecamatanCode))
    return bad(
      'VILLAGES_NOT_ONE_KECAMATAN',
      'The villages of one event belong to one kecamatan',
      'plan.villageCodes',
    );
  if (kecamatanCode.slice(0, 4) !== deps.unit.region_code.slice(0, 4))
    return bad(
      'OTHER_REGENCY',
      "The villages are outside the station's regency",
      'plan.villageCodes',
    );
  const rows = await regionsByCode(deps.db, [...codes, kecamatanCode]);
  const current = (code: string, level: string) =>
    rows.find((r) => r.code === code && r.level === level && r.valid_until_version === null);
  const villages: CheckedPlan['villages'] = [];
  for (const code of codes) {
    const row = current(code, 'village');
    if (!row) return bad('BAD_VILLAGE', `Not a current village code: ${code}`, 'plan.villageCodes');
    villages.push({ code, name: row.name });
  }
  const kecamatan = current(kecamatanCode, 'district');
  if (!kecamatan)
    return bad('BAD_VILLAGE', `No current kecamatan ${kecamatanCode}`, 'plan.villageCodes');
  return ok({ villages, kecamatan: { code: kecamatan.code, name: kecamatan.name } });
}

async function checkTeam(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
  team: OutreachEventPlan['team'],
): Promise<Result<CheckedPlan['team']>> {
  // A training station rehearses with its switch session, which has no account: its plan may
  // leave the team empty. A real event always names its leader.
  if (team.length === 0 && deps.unit.is_training === 1) return ok([]);
  if (team.length === 0) return bad('NO_TEAM', 'At least the leader', 'plan.team');
  if (team.length > PLAN_LIMITS.team)
    return bad('TEAM_TOO_BIG', `At most ${PLAN_LIMITS.team} members`, 'plan.team');
  if (new Set(team.map((m) => m.userId)).size !== team.length)
    return bad('DUPLICATE_MEMBER', 'An account is on the team twice', 'plan.team');
  if (team.some((m) => !TASKS.includes(m.task)))
    return bad('BAD_TASK', 'Unknown task', 'plan.team');
  if (team.filter((m) => m.task === 'ketua').length !== 1)
    return bad('ONE_LEADER', 'Exactly one member leads (ketua)', 'plan.team');
  const active = new Set((await activeUsers(deps.db)).map((u) => u.id));
  const unknown = team.find((m) => !active.has(m.userId));
  if (unknown)
    return bad('UNKNOWN_MEMBER', `No active station account ${unknown.userId}`, 'plan.team');
  return ok(team.map((m) => ({ userId: m.userId, task: m.task })));
}

function checkServices(
  deps: Pick<CoreDeps, 'catalogue'>,
  services: OutreachEventPlan['services'],
): Result<CheckedPlan['services']> {
  if (services.length === 0) return bad('NO_SERVICE', 'At least one service', 'plan.services');
  if (services.length > PLAN_LIMITS.services)
    return bad('TOO_MANY_SERVICES', `At most ${PLAN_LIMITS.services}`, 'plan.services');
  if (new Set(services.map((s) => s.serviceCode)).size !== services.length)
    return bad('DUPLICATE_SERVICE', 'A service is given twice', 'plan.services');
  const known = offeredServices(deps);
  const unknown = services.find((s) => !known.has(s.serviceCode));
  if (unknown)
    return bad('UNKNOWN_SERVICE', `Not a service: ${unknown.serviceCode}`, 'plan.services');
  if (
    services.some(
      (s) => !Number.isInteger(s.target) || s.target < 0 || s.target > PLAN_LIMITS.target,
    )
  )
    return bad(
      'BAD_TARGET',
      `Targets are whole numbers 0 to ${PLAN_LIMITS.target}`,
      'plan.services',
    );
  return ok(services.map((s) => ({ serviceCode: s.serviceCode, target: s.target })));
}

function checkText(
  text: string,
  limits: { min: number; max: number },
  reason: string,
  field: string,
): Result<string> {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  // Control characters never belong in a name printed on lists and reports.
  // eslint-disable-next-line no-control-regex
  const hasControl = /[\u0000-\u001f\u007f]/.test(text);
  if (hasControl || trimmed.length < limits.min || trimmed.length > limits.max)
    return bad(reason, `${limits.min} to ${limits.max} characters`, field);
  return ok(trimmed);
}

/** Every rule of a plan; the first refusal wins, and nothing is written by a check. */
export async function checkPlan(
  deps: Pick<CoreDeps, 'db' | 'unit' | 'catalogue' | 'ports'>,
  plan: OutreachEventPlan,
): Promise<Result<CheckedPlan>> {
  const name = checkText(plan.name, PLAN_LIMITS.name, 'BAD_NAME', 'plan.name');
  if (!name.ok) return name;
  const places = await checkVillages(deps, plan.villageCodes);
  if (!places.ok) return places;
  const days = checkDays(plan.days, jakartaDay(deps.ports.clock.now()));
  if (!days.ok) return days;
  const venue = checkText(plan.venue, PLAN_LIMITS.venue, 'BAD_VENUE', 'plan.venue');
  if (!venue.ok) return venue;
  const team = await checkTeam(deps, plan.team);
  if (!team.ok) return team;
  const services = checkServices(deps, plan.services);
  if (!services.ok) return services;
  return ok({
    name: name.value,
    ...places.value,
    days: days.value,
    venue: venue.value,
    team: team.value,
    services: services.value,
  });
}

/** Writes a checked plan: a new event (eventId null) or the plan of a 'planned' one. */
export async function writePlan(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  eventId: string | null,
  plan: CheckedPlan,
): Promise<string> {
  const columns = {
    name: plan.name,
    village_codes: JSON.stringify(plan.villages.map((v) => v.code)),
    kecamatan_code: plan.kecamatan.code,
    days: JSON.stringify(plan.days),
    venue: plan.venue,
  };
  const id = eventId ?? deps.ports.ids.uuid();
  if (eventId === null)
    await insertEvent(trx, {
      id,
      unit_id: deps.unit.unit_id,
      ...columns,
      status: 'planned',
      is_training: deps.unit.is_training,
      created_at: deps.ports.clock.now().toISOString(),
      created_by: officerName(officer),
    });
  else await updateEventPlan(trx, id, columns);
  await replaceTeam(
    trx,
    id,
    plan.team.map((m) => ({ user_id: m.userId, task: m.task })),
  );
  await replaceServices(trx, id, plan.services);
  return id;
}

const parseList = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
};

async function summaries(
  deps: Pick<CoreDeps, 'db'>,
  rows: OutreachEventRow[],
): Promise<OutreachEventSummary[]> {
  const codes = new Set<string>();
  for (const row of rows) {
    codes.add(row.kecamatan_code);
    for (const code of parseList(row.village_codes)) codes.add(code);
  }
  const names = new Map((await regionsByCode(deps.db, [...codes])).map((r) => [r.code, r.name]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.status,
    villages: parseList(row.village_codes).map((code) => ({
      code,
      name: names.get(code) ?? code,
    })),
    kecamatan: {
      code: row.kecamatan_code,
      name: names.get(row.kecamatan_code) ?? row.kecamatan_code,
    },
    days: parseList(row.days),
    venue: row.venue,
    isTraining: row.is_training === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    closedAt: row.closed_at,
  }));
}

/** This unit's events, newest first. */
export async function eventList(
  deps: Pick<CoreDeps, 'db' | 'unit'>,
): Promise<OutreachEventSummary[]> {
  return summaries(deps, await listEvents(deps.db, deps.unit.unit_id));
}

export async function serviceTargets(
  deps: Pick<CoreDeps, 'db' | 'catalogue'>,
  eventId: string,
): Promise<OutreachServiceTarget[]> {
  const titles = offeredServices(deps);
  return (await servicesOf(deps.db, eventId)).map((s) => ({
    serviceCode: s.service_code,
    title: titles.get(s.service_code) ?? { id: s.service_code, en: s.service_code },
    target: s.target,
  }));
}

/**
 * One event with its team, services, last readiness check (checked now when it never was),
 * stock and the office's levels; null when it is not this unit's event.
 */
export async function eventDetail(
  deps: CoreDeps,
  eventId: string,
): Promise<OutreachEventDetail | null> {
  const row = await getEvent(deps.db, eventId);
  if (!row || row.unit_id !== deps.unit.unit_id) return null;
  const [summary] = await summaries(deps, [row]);
  if (!summary) return null;
  const services = await serviceTargets(deps, eventId);
  const readiness =
    (await storedReadiness(deps, eventId)) ??
    (await checkReadiness(deps, {
      id: eventId,
      villages: summary.villages,
      serviceCodes: services.map((s) => s.serviceCode),
    }));
  const team = (await teamOf(deps.db, eventId)).map((m) => ({
    userId: m.user_id,
    userName: m.username ?? m.user_id,
    displayName: m.display_name ?? m.user_id,
    task: m.task,
  }));
  return {
    ...summary,
    team,
    services,
    readiness,
    stock: await eventStock(deps, eventId),
    startOverrideReason: row.start_override_reason,
    officeStock: await officeStock(deps),
  };
}

/** The unit's running event (at most one), for the visits, board and report parts; else null. */
export async function runningEvent(deps: CoreDeps): Promise<OutreachEventDetail | null> {
  const row = await runningEventRow(deps.db, deps.unit.unit_id);
  return row ? eventDetail(deps, row.id) : null;
}

/** The plan form's choices: the regency's kecamatan and villages, active accounts, services. */
export async function planOptions(deps: CoreDeps): Promise<OutreachPlanOptions> {
  const regency = deps.unit.region_code.slice(0, 4);
  const [districts, villages, users] = await Promise.all([
    regionsUnder(deps.db, regency, 'district'),
    regionsUnder(deps.db, regency, 'village'),
    activeUsers(deps.db),
  ]);
  return {
    unitVillageCode: deps.unit.region_code,
    today: jakartaDay(deps.ports.clock.now()),
    kecamatans: districts.map((d) => ({
      code: d.code,
      name: d.name,
      villages: villages
        .filter((v) => v.code.startsWith(d.code))
        .map((v) => ({ code: v.code, name: v.name })),
    })),
    users: users.map((u) => ({
      userId: u.id,
      userName: u.username,
      displayName: u.display_name,
      role: u.role,
    })),
    services: [...offeredServices(deps)].map(([serviceCode, title]) => ({ serviceCode, title })),
  };
}
