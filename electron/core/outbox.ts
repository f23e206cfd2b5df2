import type { Kysely } from 'kysely';
import { appendOutbox } from '../../db/queries/outbox';
import type { Database } from '../../db/schema';
import type { Aggregate, OutboxEntry } from '../protocol/outbox';

/**
 * Queues one record for the district, typed by its aggregate (protocol/outbox.ts). Call inside
 * the transaction that changes the exportable record; the export reads only the outbox.
 */
export async function enqueue<A extends Aggregate>(
  db: Kysely<Database>,
  entry: OutboxEntry<A>,
): Promise<number> {
  return appendOutbox(db, entry);
}
