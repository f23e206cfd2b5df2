import { z } from 'zod';
import { fail, failWith, ok } from '../../contract';
import { countWaitingBefore, getTicket } from '../../../db/queries/queue';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { printReceipt } from './print';
import { rollUnit } from './receipt-layout';
import { queueTicketPrintJob } from './receipt-ticket';

/**
 * A ticket prints at the kiosk only this long after it was taken: long enough for a jammed roll
 * to be fixed, short enough that a kiosk cannot be used to print copies of the day's tickets.
 */
export const TICKET_WINDOW_MS = 30 * 60 * 1000;

export function registerTicketPrint(app: App, deps: CoreDeps): void {
  app.method('kiosk-ticket-print', {
    role: 'kiosk',
    args: z.strictObject({ ticketId: z.uuid() }),
    run: async (args, ctx) => {
      const ticket = await getTicket(deps.db, args.ticketId);
      const service = ticket && deps.services.find((s) => s.code === ticket.service_code);
      if (!ticket || !service) return fail('NOT_FOUND', `No ticket ${args.ticketId}`);
      const age = deps.ports.clock.now().getTime() - Date.parse(ticket.issued_at);
      if (age > TICKET_WINDOW_MS)
        return failWith('CONFLICT', 'TICKET_WINDOW_CLOSED', 'Ask an officer for a new ticket');
      // Counted now, not when taken: people called meanwhile are no longer ahead.
      const waitingAhead = await countWaitingBefore(deps.db, ticket);
      const job = queueTicketPrintJob(
        {
          number: ticket.number,
          service: service.title,
          issuedAt: ticket.issued_at,
          waitingAhead,
        },
        rollUnit(deps.unit),
      );
      const outcome = await printReceipt(deps, job);
      await recordAuditAlone(deps, ctx.session, 'kiosk.ticket-printed', {
        number: ticket.number,
        isPrinted: outcome.isPrinted,
      });
      return ok(outcome);
    },
  });
}
