import type { Insertable, Kysely } from 'kysely';
import type { HubAuditAnchorsTable, HubDatabase } from '../hub-schema';

/** The audit anchors the hub holds per station (docs/sync-protocol.md, "Audit anchors"). */

export async function hasAnchors(db: Kysely<HubDatabase>, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('audit_anchors')
    .select('packet_id')
    .where('unit_id', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const anchorsOf = (db: Kysely<HubDatabase>, unitId: string) =>
  db.selectFrom('audit_anchors').selectAll().where('unit_id', '=', unitId);

export async function anchorOfPacket(db: Kysely<HubDatabase>, unitId: string, packetId: string) {
  return anchorsOf(db, unitId).where('packet_id', '=', packetId).executeTakeFirst();
}

/** Anchors whose packet named `packetId` as the one before it. */
export async function anchorsAfterPacket(
  db: Kysely<HubDatabase>,
  unitId: string,
  packetId: string,
) {
  return anchorsOf(db, unitId).where('prev_packet_id', '=', packetId).execute();
}

/** The unit's anchors of other packets, built strictly between two times when given. */
export async function otherAnchors(
  db: Kysely<HubDatabase>,
  unitId: string,
  packetId: string,
  builtBetween?: { after: string; before: string },
) {
  let query = anchorsOf(db, unitId);
  if (builtBetween)
    query = query
      .where('created_at', '>', builtBetween.after)
      .where('created_at', '<', builtBetween.before);
  return query.where('packet_id', '!=', packetId).execute();
}

export async function insertAnchor(
  db: Kysely<HubDatabase>,
  anchor: Insertable<HubAuditAnchorsTable>,
): Promise<void> {
  await db.insertInto('audit_anchors').values(anchor).execute();
}
