import type { Insertable, Kysely } from 'kysely';
import type {
  HubDatabase,
  HubStationRow,
  HubStationsTable,
  HubUsbCursorsTable,
} from '../hub-schema';
import { isPostgres } from './hub-dialect';

/** The hub's enrolled stations and what guards their requests against replay. */

export async function stationByUnit(
  db: Kysely<HubDatabase>,
  unitId: string,
): Promise<HubStationRow | undefined> {
  return db.selectFrom('stations').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

/**
 * Inside a transaction: waits for any other transaction that holds the station's row (PostgreSQL;
 * SQLite runs one transaction at a time anyway). Two packets of one station committing at once
 * then check their audit anchors one after the other and see each other's (ingest.ts).
 */
export async function lockStation(db: Kysely<HubDatabase>, unitId: string): Promise<void> {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('stations')
    .select('unit_id')
    .where('unit_id', '=', unitId)
    .forUpdate()
    .execute();
}

/** Enrols a station, or enrols it again with new keys (revocation lifted). */
export async function upsertStation(
  db: Kysely<HubDatabase>,
  station: Insertable<HubStationsTable>,
): Promise<void> {
  await db
    .insertInto('stations')
    .values(station)
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({
        signing_key: station.signing_key,
        encryption_key: station.encryption_key,
        name: station.name,
        enrolled_at: station.enrolled_at,
        revoked_at: null,
      }),
    )
    .execute();
}

/**
 * Remembers a request's nonce; false when this unit used it already. Nonces from before
 * `forgetBefore` are forgotten in the same transaction.
 */
export async function rememberNonce(
  db: Kysely<HubDatabase>,
  nonce: { unitId: string; nonce: string; at: string },
  forgetBefore: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('request_nonces').where('at', '<', forgetBefore).execute();
    const inserted = await trx
      .insertInto('request_nonces')
      .values({ unit_id: nonce.unitId, nonce: nonce.nonce, at: nonce.at })
      .onConflict((oc) => oc.columns(['unit_id', 'nonce']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  });
}

export async function lastUsbCursor(db: Kysely<HubDatabase>, unitId: string) {
  return db.selectFrom('usb_cursors').selectAll().where('unit_id', '=', unitId).executeTakeFirst();
}

export async function saveUsbCursor(
  db: Kysely<HubDatabase>,
  cursor: Insertable<HubUsbCursorsTable>,
): Promise<void> {
  await db
    .insertInto('usb_cursors')
    .values(cursor)
    .onConflict((oc) =>
      oc.column('unit_id').doUpdateSet({
        written_at: cursor.written_at,
        nonce: cursor.nonce,
        seen_at: cursor.seen_at,
      }),
    )
    .execute();
}

export async function listStations(db: Kysely<HubDatabase>): Promise<HubStationRow[]> {
  return db.selectFrom('stations').selectAll().orderBy('unit_id').execute();
}
