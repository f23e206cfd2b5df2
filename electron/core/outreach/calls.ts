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
  insertCall,
  oldestWaiting,
  openVisitsOfDesk,
  takeWaiting,
  visitRow,
} from '../../../db/queries/outreach-visits';
import { recordAudit } from '../audit/record';
import { jakartaDay } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import type { OutreachSignals } from './signals';
import { mayWorkAt, toVisit, type VisitActor } from './visit-view';

/**
 * The desk takes the next visit: the oldest waiting of today, or the one named. Read and taken
 * in one transaction (and the update still requires 'waiting'), so two desks calling at once
 * never get the same visit. A desk with a visit still open calls no other (DESK_BUSY): it
 * finishes it first (a person who did not come: every service cancelled, then finish).
 */
export async function callNext(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: HandlerArgs<'outreach-call-next'>,
  actor: VisitActor,
): Promise<Result<OutreachVisit | null>> {
  const now = deps.ports.clock.now();
  const day = jakartaDay(now);
  const at = now.toISOString();
  const called = await deps.db.transaction().execute(async (trx) => {
    const event = await eventHead(trx, deps.unit.unit_id, args.eventId);
    if (!event) return fail('NOT_FOUND', `No event ${args.eventId}`);
    if (event.status !== 'running')
      return failWith('CONFLICT', 'EVENT_NOT_RUNNING', `The event is ${event.status}`);
    const open = await openVisitsOfDesk(trx, event.id, day, actor.desk);
    if (open.length > 0)
      return failWith('CONFLICT', 'DESK_BUSY', `${actor.desk} still serves ${open[0]?.number}`);
    let row;
    if (args.visitId === null) {
      row = await oldestWaiting(trx, event.id, day);
      if (!row) return ok(null);
    } else {
      row = await visitRow(trx, args.visitId);
      if (!row || row.event_id !== event.id) return fail('NOT_FOUND', `No visit ${args.visitId}`);
      if (row.status !== 'waiting' || row.day !== day)
        return failWith('CONFLICT', 'NOT_WAITING', `Visit ${row.number} is ${row.status}`);
    }
    if (!(await takeWaiting(trx, row.id, actor.desk, at)))
      throw new Error(`Visit ${row.id} changed inside its own transaction`);
    await insertCall(trx, { visit_id: row.id, desk: actor.desk, at, is_repeat: 0 });
    await recordAudit(deps, trx, actor, 'outreach.visit-called', {
      eventId: event.id,
      number: row.number,
      desk: actor.desk,
    });
    const taken = await visitRow(trx, row.id);
    if (!taken) throw new Error(`Visit ${row.id} vanished`);
    return ok(await toVisit(deps, trx, taken));
  });
  if (called.ok && called.value) {
    const { eventId, id } = called.value;
    signals.emit({ kind: 'called', eventId, visitId: id, repeat: false });
  }
  return called;
}

/** The same number once more (the person did not hear it); announced again on the display. */
export async function repeatCall(
  deps: CoreDeps,
  signals: OutreachSignals,
  args: HandlerArgs<'outreach-call-repeat'>,
  actor: VisitActor,
): Promise<Result<OutreachVisit>> {
  const at = deps.ports.clock.now().toISOString();
  const repeated = await deps.db.transaction().execute(async (trx) => {
    const row = await visitRow(trx, args.visitId);
    if (!row) return fail('NOT_FOUND', `No visit ${args.visitId}`);
    if (row.status !== 'called' && row.status !== 'serving')
      return failWith('CONFLICT', 'NOT_CALLED', `Visit ${row.number} is ${row.status}`);
    if (!row.desk || !mayWorkAt(actor, row.desk))
      return failWith('FORBIDDEN', 'NOT_YOUR_DESK', `Visit ${row.number} is at ${row.desk}`);
    await insertCall(trx, { visit_id: row.id, desk: row.desk, at, is_repeat: 1 });
    await recordAudit(deps, trx, actor, 'outreach.visit-called', {
      eventId: row.event_id,
      number: row.number,
      desk: row.desk,
      repeat: true,
    });
    return ok(await toVisit(deps, trx, row));
  });
  if (repeated.ok) {
    const { eventId, id } = repeated.value;
    signals.emit({ kind: 'called', eventId, visitId: id, repeat: true });
  }
  return repeated;
}
