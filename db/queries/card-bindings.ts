import type { Kysely } from 'kysely';
import type { CardBindingRow, Database } from '../schema';

/** The binding that identifies a card now: none for an unknown or a released UID. */
export async function activeBindingByUid(
  db: Kysely<Database>,
  uid: string,
): Promise<CardBindingRow | null> {
  const row = await db
    .selectFrom('card_bindings')
    .selectAll()
    .where('uid', '=', uid)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

/** Every card a resident has had, newest first. */
export async function bindingsOfResident(
  db: Kysely<Database>,
  nik: string,
): Promise<CardBindingRow[]> {
  return db
    .selectFrom('card_bindings')
    .selectAll()
    .where('resident_nik', '=', nik)
    .orderBy('bound_at', 'desc')
    .orderBy('uid')
    .execute();
}

/**
 * Binds `uid` to the resident and releases the resident's other active cards (a person holds one
 * valid KTP-el; the old one is withdrawn). Returns the released UIDs. A released UID is bound
 * afresh; the caller must have refused a UID still bound. Call inside a transaction.
 */
export async function bindCard(
  db: Kysely<Database>,
  binding: { uid: string; resident_nik: string; bound_at: string; bound_by: string | null },
): Promise<string[]> {
  const released = await db
    .updateTable('card_bindings')
    .set({ released_at: binding.bound_at })
    .where('resident_nik', '=', binding.resident_nik)
    .where('uid', '<>', binding.uid)
    .where('released_at', 'is', null)
    .returning('uid')
    .execute();
  const { resident_nik, bound_at, bound_by } = binding;
  await db
    .insertInto('card_bindings')
    .values({ ...binding, released_at: null })
    .onConflict((oc) =>
      oc
        .column('uid')
        .doUpdateSet({ resident_nik, bound_at, bound_by, released_at: null })
        .where('card_bindings.released_at', 'is not', null),
    )
    .execute();
  return released.map((r) => r.uid).sort();
}
