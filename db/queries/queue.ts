import type { Kysely } from 'kysely';
import type { Database, QueueTicketRow } from '../schema';

export async function insertTicket(
  db: Kysely<Database>,
  ticket: Omit<QueueTicketRow, 'status'>,
): Promise<void> {
  await db
    .insertInto('queue_tickets')
    .values({ ...ticket, status: 'waiting' })
    .execute();
}

export async function countWaiting(db: Kysely<Database>, day: string): Promise<number> {
  const row = await db
    .selectFrom('queue_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '=', day)
    .where('status', '=', 'waiting')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listTickets(db: Kysely<Database>, limit: number): Promise<QueueTicketRow[]> {
  return db
    .selectFrom('queue_tickets')
    .selectAll()
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function getTicket(db: Kysely<Database>, id: string): Promise<QueueTicketRow | null> {
  const row = await db
    .selectFrom('queue_tickets')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Tickets of the same day still waiting that were issued before this one, in the order the queue
 * calls them (issue time, then id: ids are UUIDv7, so they break a tie in issue order).
 */
export async function countWaitingBefore(
  db: Kysely<Database>,
  ticket: Pick<QueueTicketRow, 'id' | 'day' | 'issued_at'>,
): Promise<number> {
  const row = await db
    .selectFrom('queue_tickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('day', '=', ticket.day)
    .where('status', '=', 'waiting')
    .where((eb) =>
      eb.or([
        eb('issued_at', '<', ticket.issued_at),
        eb.and([eb('issued_at', '=', ticket.issued_at), eb('id', '<', ticket.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
