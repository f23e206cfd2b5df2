import type SQLite from 'better-sqlite3-multiple-ciphers';
import { fail, failWith, ok, type AppError, type OutreachVisit, type Result } from '../../contract';
import { getEvent, servicesOf } from '../../../db/queries/outreach-plan';
import { openVisitsOfDesk } from '../../../db/queries/outreach-visits';
import { jakartaDay } from '../common/jakarta';
import type { Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import { seeded } from '../seeded-random';
import type { OutreachSignals } from './signals';
import { arriveVisit, callNext, finishVisit, setServiceStatus, type VisitActor } from './visits';

/**
 * Training events (issue 16 item 7; docs/outreach-training.md): the synthetic visitors of a
 * rehearsal day, drawn from the training registry of the event's villages. Deterministic: the same
 * registry, services, seed and day give the same visitors, services and outcomes. The run itself
 * (runTrainingEvent, below) goes through the desks' own core functions.
 */

/** At most this many visitors in one training run (a long real day is ~200). */
export const TRAINING_MAX_VISITORS = 500;

/** The desks of a training run, as on a three-desk mobile unit. */
export const TRAINING_DESKS = ['meja-1', 'meja-2', 'meja-3'] as const;

export interface TrainingServiceRequest {
  serviceCode: string;
  subjectName: string;
  subjectNik: string | null;
}

/** How the desk settles a service: done, or follow-up with the reason the officer writes. */
export type TrainingOutcome =
  { status: 'done'; reason: null } | { status: 'follow-up'; reason: string };

export interface TrainingVisitor {
  name: string;
  nik: string;
  services: TrainingServiceRequest[];
  /** One per service, same order. */
  outcomes: TrainingOutcome[];
}

export interface TrainingPlanOptions {
  /** Kemendagri village codes of the event. */
  villageCodes: readonly string[];
  /** The services the event offers (their order does not matter). */
  serviceCodes: readonly string[];
  visitors: number;
  seed: number;
  /** YYYY-MM-DD (Asia/Jakarta): ages are counted on this day. */
  today: string;
  /** Services per visitor, inclusive (default 1..3). */
  servicesPerVisitor?: { min: number; max: number };
  /** Share of services that end as follow-up (default 0.15). */
  followUpShare?: number;
}

/** Why a service follows later: what officers write at an outreach event (Indonesian). */
export const FOLLOW_UP_REASONS: readonly string[] = [
  'Blanko habis di lokasi, dicetak di kantor Dinas',
  'Berkas belum lengkap: dokumen asli dibawa kemudian',
  'Menunggu verifikasi data di SIAK',
  'Sidik jari belum terbaca, perekaman diulang',
  'Pemohon diminta datang ke kantor Dinas untuk tanda tangan',
];

/** Services whose subject is a child of the visitor's family (KIA: under 17). */
export function isChildService(serviceCode: string): boolean {
  return serviceCode === 'kia' || serviceCode.startsWith('kia-');
}

interface RegistryPerson {
  nik: string;
  name: string;
  kk: string;
  birthDate: string;
}

/** The age in whole years on `today` of someone born on `birthDate` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export class TrainingPlanError extends Error {
  constructor(
    readonly reason: 'NO_RESIDENTS' | 'NO_SERVICES',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `visitors` synthetic visitors: adults (17 or older) of the event's villages from the station's
 * registry, each once while the registry lasts (then again from the start), in a seeded order.
 * Each asks for `servicesPerVisitor` distinct services from `serviceCodes`; a KIA is for one of the
 * family's children under 17 (two KIAs of one visitor are for two children), and a visitor
 * without children gets none. Every service ends done, or follow-up with a reason
 * (`followUpShare`).
 */
export function planTrainingVisitors(
  sqlite: SQLite.Database,
  options: TrainingPlanOptions,
): TrainingVisitor[] {
  const perVisitor = options.servicesPerVisitor ?? { min: 1, max: 3 };
  const followUpShare = options.followUpShare ?? 0.15;
  const offered = [...new Set(options.serviceCodes)].sort();
  if (offered.length === 0)
    throw new TrainingPlanError('NO_SERVICES', 'The event offers no services');
  const villages = [...new Set(options.villageCodes)];
  const people =
    villages.length === 0
      ? []
      : (sqlite
          .prepare(
            `SELECT nik, name, kk_number AS kk, birth_date AS birthDate FROM residents
             WHERE is_alive = 1 AND village_code IN (${villages.map(() => '?').join(', ')})
             ORDER BY nik`,
          )
          .all(...villages) as RegistryPerson[]);
  const adults = people.filter((p) => ageOn(p.birthDate, options.today) >= 17);
  if (adults.length === 0)
    throw new TrainingPlanError(
      'NO_RESIDENTS',
      "The training registry holds no adults in the event's villages",
    );
  const children = new Map<string, RegistryPerson[]>();
  for (const person of people) {
    if (ageOn(person.birthDate, options.today) >= 17) continue;
    children.set(person.kk, [...(children.get(person.kk) ?? []), person]);
  }
  const random = seeded(options.seed);
  const shuffle = <T>(list: T[]): T[] => {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  };
  const order = shuffle([...adults]);
  const kiaCodes = offered.filter(isChildService);
  const otherCodes = offered.filter((code) => !isChildService(code));
  const visitors: TrainingVisitor[] = [];
  for (let index = 0; visitors.length < options.visitors; index += 1) {
    if (index >= order.length * 2 && visitors.length === 0)
      throw new TrainingPlanError(
        'NO_SERVICES',
        'No visitor can ask for any offered service (KIA only, and no children)',
      );
    const adult = order[index % order.length] as RegistryPerson;
    const kids = shuffle([...(children.get(adult.kk) ?? [])]).slice(0, 2);
    const kia = kiaCodes.length > 0 ? kiaCodes[Math.floor(random() * kiaCodes.length)] : null;
    const candidates: TrainingServiceRequest[] = [
      ...otherCodes.map((serviceCode) => ({
        serviceCode,
        subjectName: adult.name,
        subjectNik: adult.nik,
      })),
      ...(kia
        ? kids.map((kid) => ({ serviceCode: kia, subjectName: kid.name, subjectNik: kid.nik }))
        : []),
    ];
    if (candidates.length === 0) continue;
    const wanted = perVisitor.min + Math.floor(random() * (perVisitor.max - perVisitor.min + 1));
    const services = shuffle(candidates).slice(0, Math.max(1, wanted));
    visitors.push({
      name: adult.name,
      nik: adult.nik,
      services,
      outcomes: services.map(() =>
        random() < followUpShare
          ? {
              status: 'follow-up',
              reason: FOLLOW_UP_REASONS[Math.floor(random() * FOLLOW_UP_REASONS.length)] as string,
            }
          : { status: 'done', reason: null },
      ),
    });
  }
  return visitors;
}

export interface TrainingRunArgs {
  eventId: string;
  visitors: number;
  seed: number;
}

export interface TrainingRunResult {
  /** Visits finished by the run. */
  visitors: number;
  /** Their services (done or follow-up). */
  services: number;
}

/** Progress after each finished visit: how many of how many. */
export type TrainingProgress = (done: number, total: number) => void;

/**
 * Starts a planned event for the run (PLAN's start, with its readiness rules); resolves with the
 * failure when it refuses. Passed in by the handler so this module needs no plan internals.
 */
export type StartEvent = (eventId: string) => Promise<Result<unknown>>;

/** A refusal of the run before anything changed, or a failure of a desk step during it. */
function stepFailed(step: string, number: string | null, error: AppError): Result<never> {
  const where = number ? ` (visit ${number})` : '';
  return {
    ok: false,
    error: { ...error, message: `Training run stopped at ${step}${where}: ${error.message}` },
  };
}

function desksBusy(): Result<never> {
  return failWith(
    'CONFLICT',
    'DESKS_BUSY',
    `Every training desk (${TRAINING_DESKS.join(', ')}) is serving someone; finish those visits first`,
  );
}

/**
 * A whole synthetic event day on a training station (issue 16 item 7): `visitors` people of the
 * event's villages arrive, desks meja-1..meja-3 call them in turn, work their services (in
 * progress, then done or follow-up with a reason) and finish the visits, through the same core
 * functions as the desks (visits.ts), so the queue display, the board and the report move as on a
 * real day. Arrivals run a few ahead of the desks, as a queue does. The run calls its own
 * visitors by id: visits trainees registered by hand stay in the queue for them. A planned event
 * is started first (`start`); a closed one is refused.
 */
export async function runTrainingEvent(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: TrainingRunArgs,
  officer: Officer,
  start: StartEvent,
  progress: TrainingProgress,
): Promise<Result<TrainingRunResult>> {
  if (deps.unit.is_training !== 1)
    return fail('NOT_TRAINING', 'Synthetic events run only on training stations');
  const event = await getEvent(deps.db, args.eventId);
  if (!event || event.unit_id !== deps.unit.unit_id)
    return fail('NOT_FOUND', `No event ${args.eventId}`);
  if (event.status === 'closed') return failWith('CONFLICT', 'EVENT_CLOSED', 'The event is closed');
  const serviceCodes = (await servicesOf(deps.db, event.id)).map((s) => s.service_code);
  const today = jakartaDay(deps.ports.clock.now());
  /** The desks the run works at; one a person is using (DESK_BUSY) is left to them. */
  let actors: VisitActor[] = [];
  for (const desk of TRAINING_DESKS)
    if ((await openVisitsOfDesk(deps.db, event.id, today, desk)).length === 0)
      actors.push({ ...officer, desk });
  if (actors.length === 0) return desksBusy();
  let visitors: TrainingVisitor[];
  try {
    visitors = planTrainingVisitors(deps.sqlite, {
      villageCodes: JSON.parse(event.village_codes) as string[],
      serviceCodes,
      visitors: args.visitors,
      seed: args.seed,
      today,
    });
  } catch (error) {
    if (error instanceof TrainingPlanError)
      return failWith('CONFLICT', error.reason, error.message);
    throw error;
  }
  if (event.status === 'planned') {
    const started = await start(event.id);
    if (!started.ok) return stepFailed('outreach-event-start', null, started.error);
  }

  /** Arrived, not yet called: visit id and the visitor's plan, in arrival order. */
  const queue: Array<{ id: string; visitor: TrainingVisitor }> = [];
  let arrived = 0;
  let finished = 0;
  let services = 0;
  const arrive = async (): Promise<Result<null>> => {
    const visitor = visitors[arrived] as TrainingVisitor;
    const visit = await arriveVisit(
      deps,
      signals,
      { eventId: event.id, name: visitor.name, nik: visitor.nik, services: visitor.services },
      officer,
    );
    if (!visit.ok) return stepFailed('arrival', null, visit.error);
    arrived += 1;
    queue.push({ id: visit.value.id, visitor });
    return ok(null);
  };
  const serve = async (actor: VisitActor): Promise<Result<'served' | 'busy'>> => {
    const next = queue.shift();
    if (!next) return ok('served');
    const called = await callNext(deps, signals, { eventId: event.id, visitId: next.id }, actor);
    if (!called.ok && called.error.reason === 'DESK_BUSY') {
      queue.unshift(next);
      return ok('busy');
    }
    if (!called.ok) return stepFailed(`call at ${actor.desk}`, null, called.error);
    const visit = called.value as OutreachVisit;
    for (const service of visit.services) {
      const index = next.visitor.services.findIndex(
        (s) => s.serviceCode === service.serviceCode && s.subjectNik === service.subjectNik,
      );
      const outcome = next.visitor.outcomes[index] ?? { status: 'done', reason: null };
      for (const step of [{ status: 'in-progress', reason: null } as const, outcome]) {
        const set = await setServiceStatus(
          deps,
          signals,
          { serviceId: service.id, status: step.status, reason: step.reason },
          actor,
        );
        if (!set.ok) return stepFailed('service status', visit.number, set.error);
      }
    }
    const done = await finishVisit(deps, signals, { visitId: visit.id }, actor);
    if (!done.ok) return stepFailed('finish', visit.number, done.error);
    finished += 1;
    services += visit.services.length;
    progress(finished, visitors.length);
    return ok('served');
  };

  // Two people ahead of each desk, then each desk takes the next in turn.
  const ahead = actors.length * 2;
  while (finished < visitors.length) {
    while (arrived < visitors.length && queue.length < ahead) {
      const step = await arrive();
      if (!step.ok) return step;
    }
    for (const actor of actors) {
      const step = await serve(actor);
      if (!step.ok) return step;
      if (step.value === 'busy') actors = actors.filter((a) => a !== actor);
    }
    if (actors.length === 0) return desksBusy();
  }
  return ok({ visitors: finished, services });
}
