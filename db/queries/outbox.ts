import type { Kysely } from 'kysely';
import type { Database, OutboxRow } from '../schema';

export interface OutboxEntry {
  id: string;
  aggregate: string;
  aggregateId: string;
  op: 'upsert' | 'delete';
  payload: unknown;
  at: string;
}

/** Call inside the transaction that changes the exportable record; the export reads only this. */
export async function appendOutbox(db: Kysely<Database>, entry: OutboxEntry): Promise<number> {
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
