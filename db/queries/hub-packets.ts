import type { Insertable, Kysely } from 'kysely';
import type {
  HubAttachmentsTable,
  HubDatabase,
  HubPacketsTable,
  HubRecordsTable,
  HubRefusalsTable,
} from '../hub-schema';

/** Packets the hub receives, the records and photos they carry, and the refusals it logs. */

export async function packetById(db: Kysely<HubDatabase>, packetId: string) {
  return db.selectFrom('packets').selectAll().where('packet_id', '=', packetId).executeTakeFirst();
}

/**
 * Registers a packet being received; false when its id is there already (two announcements of
 * one packet racing: the first one's row stands, and the commit checks the bytes against it).
 */
export async function insertPacket(
  db: Kysely<HubDatabase>,
  packet: Insertable<HubPacketsTable>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('packets')
    .values(packet)
    .onConflict((oc) => oc.column('packet_id').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Logs a refusal (metadata only) and forgets the packet if it was still being received. */
export async function refusePacket(
  db: Kysely<HubDatabase>,
  refusal: Insertable<HubRefusalsTable>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('packets')
      .where('packet_id', '=', refusal.packet_id)
      .where('state', '=', 'receiving')
      .execute();
    await trx.insertInto('refusals').values(refusal).execute();
  });
}

/** Stores records once by outbox id; returns the ones that arrived for the first time. */
export async function insertRecords(
  db: Kysely<HubDatabase>,
  records: Insertable<HubRecordsTable>[],
): Promise<{ aggregate: string; aggregate_id: string; data: string }[]> {
  return db
    .insertInto('records')
    .values(records)
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .returning(['aggregate', 'aggregate_id', 'data'])
    .execute();
}

export async function insertAttachment(
  db: Kysely<HubDatabase>,
  attachment: Insertable<HubAttachmentsTable>,
): Promise<void> {
  await db
    .insertInto('attachments')
    .values(attachment)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function markPacketCommitted(
  db: Kysely<HubDatabase>,
  packetId: string,
  done: { committed_at: string; receipt: string; file_name: string; received_bytes: number },
): Promise<void> {
  await db
    .updateTable('packets')
    .set({ state: 'committed', ...done })
    .where('packet_id', '=', packetId)
    .execute();
}

export async function attachmentBySha(db: Kysely<HubDatabase>, sha256: string) {
  return db
    .selectFrom('attachments')
    .select(['file_name', 'data'])
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Photos an older hub kept as files (finding 1.12): not yet in the database. */
export async function attachmentsWithoutData(db: Kysely<HubDatabase>) {
  return db
    .selectFrom('attachments')
    .select(['sha256', 'file_name'])
    .where('data', 'is', null)
    .execute();
}

export async function setAttachmentData(
  db: Kysely<HubDatabase>,
  sha256: string,
  data: Buffer,
): Promise<void> {
  await db.updateTable('attachments').set({ data }).where('sha256', '=', sha256).execute();
}

/** Packets received, oldest announcement first; of one unit when given. */
export async function listPackets(db: Kysely<HubDatabase>, unitId?: string) {
  let query = db.selectFrom('packets').selectAll().orderBy('announced_at');
  if (unitId) query = query.where('unit_id', '=', unitId);
  return query.execute();
}

/** Records received by unit and station order; of one unit or aggregate when given. */
export async function listRecords(
  db: Kysely<HubDatabase>,
  filter: { unitId?: string | undefined; aggregate?: string | undefined; limit: number },
) {
  let query = db
    .selectFrom('records')
    .selectAll()
    .orderBy('unit_id')
    .orderBy('seq')
    .limit(filter.limit);
  if (filter.unitId) query = query.where('unit_id', '=', filter.unitId);
  if (filter.aggregate) query = query.where('aggregate', '=', filter.aggregate);
  return query.execute();
}

export async function listRefusals(db: Kysely<HubDatabase>) {
  return db.selectFrom('refusals').selectAll().orderBy('id').execute();
}
