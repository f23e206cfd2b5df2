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
