import { z } from 'zod';
import { fail, ok, type QueueTicket } from '../../contract';
import { countWaiting, insertTicket, listTickets } from '../../../db/queries/queue';
import { nextSequence } from '../../../db/queries/sequences';
import type { QueueTicketRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { limitAnonymous } from '../limits/anonymous';
import { registerKioskIdentify } from './app-identify';
import { registerKioskLookups } from './app-lookups';
import { registerTicketPrint } from './app-ticket-print';
import { jakartaDay } from '../common/jakarta';

export function registerKiosk(host: App, deps: CoreDeps): void {
  // Issue 13 finding 1.9: anonymous callers pass the kiosk limits first (electron/core/limits).
  const app = limitAnonymous(host, deps.limits, {
    'kiosk-identify': 'lookup',
    'kiosk-identify-card': 'lookup',
    'kiosk-ticket-take': 'ticket',
    'kiosk-ticket-print': 'ticket',
  });
  app.method('kiosk-services', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(deps.services),
  });

  app.method('kiosk-catalogue', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(deps.catalogue),
  });

  app.method('kiosk-ticket-take', {
    role: 'kiosk',
    args: z.strictObject({ serviceCode: z.string().min(1).max(40) }),
    run: async (args, ctx) => {
      const service = deps.services.find((s) => s.code === args.serviceCode);
      if (!service) return fail('NOT_FOUND', `Unknown service ${args.serviceCode}`);
      const now = deps.ports.clock.now();
      const day = jakartaDay(now);
      const row = await deps.db.transaction().execute(async (trx) => {
        const value = await nextSequence(trx, `queue:${day}:${service.queueLetter}`);
        const ticket = {
          id: deps.ports.ids.uuid(),
          number: `${service.queueLetter}-${String(value).padStart(3, '0')}`,
          service_code: service.code,
          day,
          issued_at: now.toISOString(),
        };
        const waitingAhead = await countWaiting(trx, day);
        await insertTicket(trx, ticket);
        await recordAudit(deps, trx, ctx.session, 'kiosk.ticket-taken', {
          number: ticket.number,
          service: service.code,
        });
        return { ...ticket, waitingAhead };
      });
      ctx.broadcast('queue-changed', { waiting: row.waitingAhead + 1, lastNumber: row.number });
      return ok({ ...toTicket(row), waitingAhead: row.waitingAhead });
    },
  });

  registerTicketPrint(app, deps);
  registerKioskLookups(app, deps);
  registerKioskIdentify(app, deps);

  app.method('kiosk-queue-list', {
    role: 'operator',
    args: z.strictObject({ limit: z.number().int().min(1).max(500) }),
    run: async (args) => ok((await listTickets(deps.db, args.limit)).map((r) => toTicket(r))),
  });
}

function toTicket(row: Omit<QueueTicketRow, 'status'>): QueueTicket {
  return {
    id: row.id,
    number: row.number,
    serviceCode: row.service_code,
    issuedAt: row.issued_at,
    waitingAhead: 0,
  };
}
