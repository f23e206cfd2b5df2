/**
 * Visits of an outreach event (issue 16 item 4; docs/outreach-visits.md): one queue number per
 * person and event day for all the services they need.
 *
 * The pure core functions, for the handlers (app-visits.ts) and the training run:
 *
 *   arriveVisit(deps, signals, args, officer)             -> Result<OutreachVisit>
 *   callNext(deps, signals, { eventId, visitId }, actor)  -> Result<OutreachVisit | null>   (calls.ts)
 *   repeatCall(deps, signals, { visitId }, actor)         -> Result<OutreachVisit>          (calls.ts)
 *   linkService(deps, signals, args, actor)               -> Result<OutreachVisit>          (visit-work.ts)
 *   setServiceStatus(deps, signals, args, actor)          -> Result<OutreachVisit>          (visit-work.ts)
 *   finishVisit(deps, signals, { visitId }, actor)        -> Result<OutreachVisit>          (visit-work.ts)
 *
 * `args` are the handlers' arguments (contract/outreach.ts); `officer` is who acts (role,
 * userName, userId), `actor` adds the desk ("meja-2") the calling screen is. Each changes the
 * database in one transaction, writes its audit entry, and then emits a signal: 'visits' after an
 * arrival, a link, a status or a finish; 'called' after a call or a repeat (it means the visits
 * changed too). The pushes to screens (display.ts) and the board listen to those signals, so a
 * training run that calls these functions moves the display exactly as desks do.
 */
import { z } from 'zod';
import {
  fail,
  failWith,
  ok,
  type HandlerArgs,
  type OutreachVisit,
  type Result,
} from '../../contract';
import {
  eventHead,
  eventServiceCodes,
  insertVisit,
  nextVisitNumber,
  visitRow,
  visitsOfDay,
} from '../../../db/queries/outreach-visits';
import { residentRowByNik } from '../../../db/queries/residents-read';
import { recordAudit } from '../audit/record';
import { jakartaDay } from '../common/jakarta';
import type { Officer } from '../common/officer';
import type { CoreDeps } from '../deps';
import { validateNik } from '../registry/nik';
import type { OutreachSignals } from './signals';
import { toVisit, toVisits } from './visit-view';

export { callNext, repeatCall } from './calls';
export type { VisitActor } from './visit-view';
export { finishVisit, linkService, setServiceStatus } from './visit-work';

export type ArriveArgs = HandlerArgs<'outreach-visit-arrive'>;

export const NAME_LENGTH = { min: 2, max: 100 } as const;
export const MAX_SERVICES = 8;

const nik = z.string().max(32).nullable();
export const arriveSchema = z.strictObject({
  eventId: z.string().min(1).max(64),
  name: z.string().max(300),
  nik,
  services: z
    .array(
      z.strictObject({
        serviceCode: z.string().min(1).max(64),
        subjectName: z.string().max(300),
        subjectNik: nik,
      }),
    )
    .min(1)
    .max(MAX_SERVICES),
});

const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** A person's name as stored: spaces collapsed; null when it is not a plausible name. */
export function cleanName(text: string): string | null {
  const name = text.replace(/\s+/g, ' ').trim();
  if (CONTROL.test(text)) return null;
  const length = [...name].length;
  return length >= NAME_LENGTH.min && length <= NAME_LENGTH.max ? name : null;
}

interface Subject {
  sex: 'L' | 'P' | null;
  birthDate: string | null;
}

/** Sex and birth date of a subject: the registry's when it knows the NIK, else the NIK's own. */
function subjectOf(deps: CoreDeps, nikText: string, today: string): Subject | null {
  const check = validateNik(nikText, { today });
  if (!check.isValid || !check.decoded) return null;
  const resident = residentRowByNik(deps.sqlite, nikText);
  if (resident) return { sex: resident.sex === 2 ? 'P' : 'L', birthDate: resident.birth_date };
  return { sex: check.decoded.sex === 2 ? 'P' : 'L', birthDate: check.decoded.birthDate };
}

/**
 * A person arrives: checked in full before anything is written, then the day's next number
 * (read and written in one transaction: two desks arriving at once never share a number).
 */
export async function arriveVisit(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: ArriveArgs,
  officer: Officer,
): Promise<Result<OutreachVisit>> {
  const now = deps.ports.clock.now();
  const today = jakartaDay(now);
  const name = cleanName(args.name);
  if (!name) return failWith('INVALID_ARGS', 'BAD_NAME', 'Name of 2 to 100 characters', ['name']);
  const visitorNik = args.nik?.trim() || null;
  if (visitorNik && !subjectOf(deps, visitorNik, today))
    return failWith('INVALID_ARGS', 'INVALID_NIK', 'Not a valid NIK', ['nik']);
  const services: Array<{ code: string; name: string; nik: string | null } & Subject> = [];
  for (const [i, s] of args.services.entries()) {
    const subjectName = cleanName(s.subjectName);
    if (!subjectName)
      return failWith('INVALID_ARGS', 'BAD_NAME', 'Name of 2 to 100 characters', [
        `services.${i}.subjectName`,
      ]);
    const subjectNik = s.subjectNik?.trim() || null;
    const subject = subjectNik
      ? subjectOf(deps, subjectNik, today)
      : { sex: null, birthDate: null };
    if (!subject)
      return failWith('INVALID_ARGS', 'INVALID_NIK', 'Not a valid NIK', [
        `services.${i}.subjectNik`,
      ]);
    const key = (x: { code: string; name: string; nik: string | null }) =>
      `${x.code}|${x.nik ?? x.name.toLowerCase()}`;
    const entry = { code: s.serviceCode, name: subjectName, nik: subjectNik, ...subject };
    if (services.some((other) => key(other) === key(entry)))
      return failWith(
        'INVALID_ARGS',
        'DUPLICATE_SERVICE',
        'The same service twice for one person',
        [`services.${i}`],
      );
    services.push(entry);
  }
  const created = await deps.db.transaction().execute(async (trx) => {
    const event = await eventHead(trx, deps.unit.unit_id, args.eventId);
    if (!event) return fail('NOT_FOUND', `No event ${args.eventId}`);
    if (event.status !== 'running')
      return failWith('CONFLICT', 'EVENT_NOT_RUNNING', `The event is ${event.status}`);
    const offered = new Set(await eventServiceCodes(trx, event.id));
    const missing = services.findIndex((s) => !offered.has(s.code));
    if (missing >= 0)
      return failWith('INVALID_ARGS', 'SERVICE_NOT_OFFERED', 'The event does not offer it', [
        `services.${missing}.serviceCode`,
      ]);
    const number = String(await nextVisitNumber(trx, event.id, today)).padStart(3, '0');
    const visitId = deps.ports.ids.uuid();
    const at = now.toISOString();
    await insertVisit(
      trx,
      {
        id: visitId,
        event_id: event.id,
        day: today,
        number,
        name,
        nik: visitorNik,
        status: 'waiting',
        desk: null,
        arrived_at: at,
        arrived_by: officer.userName ?? officer.role,
        called_at: null,
        finished_at: null,
      },
      services.map((s, position) => ({
        id: deps.ports.ids.uuid(),
        visit_id: visitId,
        position,
        service_code: s.code,
        subject_name: s.name,
        subject_nik: s.nik,
        subject_sex: s.sex,
        subject_birth_date: s.birthDate,
        status: 'waiting',
        application_id: null,
        recording_id: null,
        reason: null,
        started_at: null,
        finished_at: null,
      })),
    );
    await recordAudit(
      deps,
      trx,
      officer,
      'outreach.visit-arrived',
      { eventId: event.id, day: today, number, services: services.map((s) => s.code) },
      visitorNik,
    );
    const row = await visitRow(trx, visitId);
    if (!row) throw new Error(`Visit ${visitId} vanished`);
    return ok(await toVisit(deps, trx, row));
  });
  if (created.ok) signals.emit({ kind: 'visits', eventId: created.value.eventId });
  return created;
}

export async function getVisit(deps: CoreDeps, visitId: string): Promise<Result<OutreachVisit>> {
  const row = await visitRow(deps.db, visitId);
  if (!row) return fail('NOT_FOUND', `No visit ${visitId}`);
  return ok(await toVisit(deps, deps.db, row));
}

/** Today's visits of the event (Jakarta day), in arrival order. */
export async function listVisits(
  deps: CoreDeps,
  args: HandlerArgs<'outreach-visit-list'>,
): Promise<Result<OutreachVisit[]>> {
  const event = await eventHead(deps.db, deps.unit.unit_id, args.eventId);
  if (!event) return fail('NOT_FOUND', `No event ${args.eventId}`);
  const today = jakartaDay(deps.ports.clock.now());
  const rows = await visitsOfDay(deps.db, event.id, today, args.status);
  return ok(await toVisits(deps, deps.db, rows));
}
