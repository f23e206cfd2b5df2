import { z } from 'zod';
import { ok } from '../../contract';
import type { CallContext, Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { displayState, wireVisitPushes } from './display';
import { printHandover } from './handover';
import type { OutreachDesks, OutreachSignals } from './signals';
import { serviceLinkSchema, serviceSetSchema } from './visit-work';
import {
  arriveSchema,
  arriveVisit,
  callNext,
  finishVisit,
  getVisit,
  linkService,
  listVisits,
  repeatCall,
  setServiceStatus,
  type VisitActor,
} from './visits';

const id = z.string().min(1).max(64);
const visitStatus = z.enum(['waiting', 'called', 'serving', 'done', 'left']);

/**
 * Arrivals, calls, desk work, hand-over and the queue display (issue 16 items 3-4;
 * docs/outreach-visits.md). The desk of a call is the calling connection's (`desks.deskOf`).
 */
export function registerOutreachVisits(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
  desks: OutreachDesks,
): void {
  wireVisitPushes(app, deps, signals, desks);
  const actor = (ctx: CallContext): VisitActor => ({
    role: ctx.session.role,
    userName: ctx.session.userName,
    userId: ctx.session.userId ?? null,
    desk: desks.deskOf(ctx.connectionId, ctx.source),
  });

  app.method('outreach-visit-arrive', {
    role: 'operator',
    args: arriveSchema,
    run: (args, ctx) => arriveVisit(deps, signals, args, ctx.session),
  });
  app.method('outreach-visit-list', {
    role: 'operator',
    args: z.strictObject({ eventId: id, status: visitStatus.nullable() }),
    run: async (args, ctx) => {
      const listed = await listVisits(deps, args);
      if (!listed.ok) return listed;
      const desk = desks.deskOf(ctx.connectionId, ctx.source);
      return ok({ desk, deskLabel: desks.labelOf(desk), visits: listed.value });
    },
  });
  app.method('outreach-visit-get', {
    role: 'operator',
    args: z.strictObject({ visitId: id }),
    run: (args) => getVisit(deps, args.visitId),
  });
  app.method('outreach-call-next', {
    role: 'operator',
    args: z.strictObject({ eventId: id, visitId: id.nullable() }),
    run: (args, ctx) => callNext(deps, signals, args, actor(ctx)),
  });
  app.method('outreach-call-repeat', {
    role: 'operator',
    args: z.strictObject({ visitId: id }),
    run: (args, ctx) => repeatCall(deps, signals, args, actor(ctx)),
  });
  app.method('outreach-visit-service-link', {
    role: 'operator',
    args: serviceLinkSchema,
    run: (args, ctx) => linkService(deps, signals, args, actor(ctx)),
  });
  app.method('outreach-visit-service-set', {
    role: 'operator',
    args: serviceSetSchema,
    run: (args, ctx) => setServiceStatus(deps, signals, args, actor(ctx)),
  });
  app.method('outreach-visit-finish', {
    role: 'operator',
    args: z.strictObject({ visitId: id }),
    run: (args, ctx) => finishVisit(deps, signals, args, actor(ctx)),
  });
  app.method('outreach-visit-handover-print', {
    role: 'operator',
    args: z.strictObject({ visitId: id, paper: z.enum(['ticket-80mm', 'a4']) }),
    run: (args, ctx) => printHandover(deps, args, ctx.session),
  });
  app.method('outreach-display-get', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: async () => ok(await displayState(deps, desks.labelOf)),
  });
}
