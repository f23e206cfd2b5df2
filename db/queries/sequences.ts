import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/** Next value of a per-unit counter (receipt numbers, queue numbers); starts at 1. */
export async function nextSequence(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto('sequences')
    .values({ name, value: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ value: eb('sequences.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}
