import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** What the sync screen and the offline guard count (docs/sync-protocol.md, "Status"). */

/** When the oldest outbox row without a district receipt was written; null when none. */
export async function oldestUnexportedAt(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min<string>('created_at').as('at'))
    .where('exported_at', 'is', null)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** Work still to send: records (rejected ones aside), ready packets, rejections. */
export async function pendingWork(db: Kysely<Database>) {
  const records = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.min<string>('created_at').as('oldest'),
    ])
    .where('exported_at', 'is', null)
    .where('id', 'not in', (qb) => qb.selectFrom('outbox_rejections').select('outbox_id'))
    .executeTakeFirstOrThrow();
  const packets = await db
    .selectFrom('sync_packets')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('size').as('bytes'),
      eb.fn.min<string>('next_attempt_at').as('next'),
    ])
    .where('state', '=', 'ready')
    .executeTakeFirstOrThrow();
  const rejected = await db
    .selectFrom('outbox_rejections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    records: Number(records.n),
    oldestAt: records.oldest ?? null,
    packets: Number(packets.n),
    bytes: Number(packets.bytes ?? 0),
    nextAttemptAt: packets.next ?? null,
    rejected: Number(rejected.n),
  };
}
