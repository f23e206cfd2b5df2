import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../schema';

/** A row as stored; the core's enqueue() types it by aggregate (electron/protocol/outbox.ts). */
export interface OutboxInsert {
  id: string;
  aggregate: string;
  aggregateId: string;
  op: 'upsert' | 'delete';
  payload: unknown;
  at: string;
}

export async function appendOutbox(db: Kysely<Database>, entry: OutboxInsert): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({
      id: entry.id,
      aggregate: entry.aggregate,
      aggregate_id: entry.aggregateId,
      op: entry.op,
      payload: JSON.stringify(entry.payload),
      created_at: entry.at,
      exported_at: null,
      packet_id: null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}

export async function pendingOutbox(db: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('exported_at', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
