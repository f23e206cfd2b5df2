import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  fail,
  failWith,
  ok,
  type AppError,
  type HandlerArgs,
  type OutreachVisit,
  type Result,
} from '../../contract';
import {
  applicationHead,
  eventHead,
  recordingHead,
  serviceLinkedTo,
  servicesOfVisits,
  updateVisit,
  updateVisitService,
  visitRow,
  visitServiceRow,
  type OutreachVisitRow,
  type OutreachVisitServiceRow,
} from '../../../db/queries/outreach-visits';
import type { Database } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import type { OutreachSignals } from './signals';
import { mayWorkAt, RECORDING_SERVICE, toVisit, type VisitActor } from './visit-view';

export const REASON_LENGTH = { min: 3, max: 300 } as const;

const SETTLED = new Set(['done', 'follow-up', 'cancelled']);

export const serviceSetSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  status: z.enum(['waiting', 'in-progress', 'done', 'follow-up', 'cancelled']),
  reason: z.string().max(1000).nullable(),
});

export const serviceLinkSchema = z.strictObject({
  serviceId: z.string().min(1).max(64),
  applicationId: z.string().min(1).max(64).nullable(),
  recordingId: z.string().min(1).max(64).nullable(),
});

type Refusal = { ok: false; error: AppError };
type Open = { visit: OutreachVisitRow; service: OutreachVisitServiceRow };

/** The visit as it may be worked on now by this actor, or the refusal. */
async function openVisit(
  trx: Kysely<Database>,
  unitId: string,
  visit: OutreachVisitRow | null,
  actor: VisitActor,
): Promise<Refusal | OutreachVisitRow> {
  if (!visit) return fail('NOT_FOUND', 'No such visit');
  const event = await eventHead(trx, unitId, visit.event_id);
  if (!event || event.status === 'closed')
    return failWith('CONFLICT', 'EVENT_CLOSED', 'The event is closed');
  if (visit.status === 'waiting')
    return failWith('CONFLICT', 'NOT_CALLED', `Visit ${visit.number} has not been called`);
  if (visit.status === 'done' || visit.status === 'left')
    return failWith('CONFLICT', 'VISIT_FINISHED', `Visit ${visit.number} is finished`);
  if (!mayWorkAt(actor, visit.desk))
    return failWith('FORBIDDEN', 'NOT_YOUR_DESK', `Visit ${visit.number} is at ${visit.desk}`);
  return visit;
}

async function openService(
  trx: Kysely<Database>,
  unitId: string,
  serviceId: string,
  actor: VisitActor,
): Promise<Refusal | Open> {
  const service = await visitServiceRow(trx, serviceId);
  if (!service) return fail('NOT_FOUND', `No visit service ${serviceId}`);
  const visit = await openVisit(trx, unitId, await visitRow(trx, service.visit_id), actor);
  return 'ok' in visit ? visit : { visit, service };
}

/** Work on a service makes the called visit one being served. */
async function markServing(trx: Kysely<Database>, visit: OutreachVisitRow): Promise<void> {
  if (visit.status === 'called') await updateVisit(trx, visit.id, { status: 'serving' });
}

async function reread(deps: CoreDeps, trx: Kysely<Database>, visitId: string) {
  const row = await visitRow(trx, visitId);
  if (!row) throw new Error(`Visit ${visitId} vanished`);
  return ok(await toVisit(deps, trx, row));
}

function announce(signals: OutreachSignals, result: Result<OutreachVisit>): Result<OutreachVisit> {
  if (result.ok) signals.emit({ kind: 'visits', eventId: result.value.eventId });
  return result;
}

/**
 * The application or recording the desk made for a service. A recording service takes a
 * recording, any other an application of the same catalogue service; one application or
 * recording belongs to one service only. A waiting service moves to in-progress.
 */
export async function linkService(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: HandlerArgs<'outreach-visit-service-link'>,
  actor: VisitActor,
): Promise<Result<OutreachVisit>> {
  if ((args.applicationId === null) === (args.recordingId === null))
    return failWith('INVALID_ARGS', 'BAD_LINK', 'Exactly one of applicationId and recordingId');
  const at = deps.ports.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const open = await openService(trx, deps.unit.unit_id, args.serviceId, actor);
    if ('ok' in open) return open;
    const { visit, service } = open;
    const isRecording = service.service_code === RECORDING_SERVICE;
    if (isRecording !== (args.recordingId !== null))
      return failWith('INVALID_ARGS', 'WRONG_LINK_KIND', 'A recording for the recording service', [
        isRecording ? 'recordingId' : 'applicationId',
      ]);
    let link: { applicationId: string } | { recordingId: string };
    if (args.applicationId !== null) {
      const application = await applicationHead(trx, args.applicationId);
      if (!application) return fail('NOT_FOUND', `No application ${args.applicationId}`);
      if (application.service_code !== service.service_code)
        return failWith('CONFLICT', 'SERVICE_MISMATCH', `It is a ${application.service_code}`);
      link = { applicationId: application.id };
    } else {
      const recording = await recordingHead(trx, args.recordingId ?? '');
      if (!recording) return fail('NOT_FOUND', `No recording ${args.recordingId}`);
      if (
        service.subject_nik &&
        recording.resident_nik &&
        recording.resident_nik !== service.subject_nik
      )
        return failWith('CONFLICT', 'SUBJECT_MISMATCH', 'The recording is of another person');
      link = { recordingId: recording.id };
    }
    const holder = await serviceLinkedTo(trx, link);
    if (holder && holder.id !== service.id)
      return failWith('CONFLICT', 'ALREADY_LINKED', 'It belongs to another visit service');
    await updateVisitService(trx, service.id, {
      application_id: 'applicationId' in link ? link.applicationId : null,
      recording_id: 'recordingId' in link ? link.recordingId : null,
      ...(service.status === 'waiting' ? { status: 'in-progress', started_at: at } : {}),
    });
    await markServing(trx, visit);
    await recordAudit(deps, trx, actor, 'outreach.service-linked', {
      eventId: visit.event_id,
      number: visit.number,
      serviceCode: service.service_code,
      ...link,
    });
    return reread(deps, trx, visit.id);
  });
  return announce(signals, result);
}

/**
 * A service's status: done (given today), follow-up (finished later; reason required),
 * cancelled (not served; reason required), or back to waiting / in progress while the visit is
 * open.
 */
export async function setServiceStatus(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: HandlerArgs<'outreach-visit-service-set'>,
  actor: VisitActor,
): Promise<Result<OutreachVisit>> {
  const needsReason = args.status === 'follow-up' || args.status === 'cancelled';
  const reason = needsReason ? (args.reason ?? '').replace(/\s+/g, ' ').trim() : null;
  if (reason !== null && (reason.length < REASON_LENGTH.min || reason.length > REASON_LENGTH.max))
    return failWith('INVALID_ARGS', 'REASON_REQUIRED', 'A reason of 3 to 300 characters', [
      'reason',
    ]);
  const now = deps.ports.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const open = await openService(trx, deps.unit.unit_id, args.serviceId, actor);
    if ('ok' in open) return open;
    const { visit, service } = open;
    await updateVisitService(trx, service.id, {
      status: args.status,
      reason,
      started_at: args.status === 'waiting' ? null : (service.started_at ?? now),
      finished_at: SETTLED.has(args.status) ? now : null,
    });
    await markServing(trx, visit);
    await recordAudit(deps, trx, actor, 'outreach.service-set', {
      eventId: visit.event_id,
      number: visit.number,
      serviceCode: service.service_code,
      status: args.status,
      reason,
    });
    return reread(deps, trx, visit.id);
  });
  return announce(signals, result);
}

/**
 * Ends a visit once every service is done, follows up or was cancelled: 'done', or 'left' when
 * every service was cancelled (the person did not come, or went before being served).
 */
export async function finishVisit(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: HandlerArgs<'outreach-visit-finish'>,
  actor: VisitActor,
): Promise<Result<OutreachVisit>> {
  const now = deps.ports.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const visit = await openVisit(trx, deps.unit.unit_id, await visitRow(trx, args.visitId), actor);
    if ('ok' in visit) return visit;
    const services = await servicesOfVisits(trx, [visit.id]);
    const open = services.filter((s) => !SETTLED.has(s.status));
    if (open.length > 0)
      return failWith('CONFLICT', 'NOT_SETTLED', `${open.length} service(s) not settled yet`);
    const status = services.every((s) => s.status === 'cancelled') ? 'left' : 'done';
    await updateVisit(trx, visit.id, { status, finished_at: now });
    await recordAudit(deps, trx, actor, 'outreach.visit-finished', {
      eventId: visit.event_id,
      number: visit.number,
      status,
    });
    return reread(deps, trx, visit.id);
  });
  return announce(signals, result);
}
