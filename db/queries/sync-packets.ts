import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, OutboxRow, SyncPacketsTable } from '../schema';

export type SyncPacketRow = Selectable<SyncPacketsTable>;

/** The station's packets (docs/sync-packets.md): built from the outbox, sent, receipted. */

/** Packet files the station knows (a file in outgoing/ that no row names is a crash's leftover). */
export async function packetFileNames(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('sync_packets').select('file_name').execute()).map(
    (r) => r.file_name,
  );
}

/** Outbox rows that belong to no packet yet, oldest first. */
export async function unassignedOutbox(db: Kysely<Database>, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('packet_id', 'is', null)
    .where('exported_at', 'is', null)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function applicationPhotoBytes(
  db: Kysely<Database>,
  applicationId: string,
  sha256: string,
): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('application_photos')
    .select('bytes')
    .where('application_id', '=', applicationId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row?.bytes ?? null;
}

/** A recording's portrait and signature image (attachments of its creation record). */
export async function recordingImages(db: Kysely<Database>, recordingId: string) {
  return db
    .selectFrom('recordings')
    .select(['portrait_jpeg', 'portrait_sha256', 'signature_png'])
    .where('id', '=', recordingId)
    .executeTakeFirst();
}

/**
 * Records a built packet (next in build order) and gives it its outbox rows; the number of rows
 * it got (fewer than asked when another build took some in the meantime).
 */
export async function insertBuiltPacket(
  trx: Kysely<Database>,
  packet: Omit<Insertable<SyncPacketsTable>, 'built_order'>,
  seqs: number[],
): Promise<number> {
  await trx
    .insertInto('sync_packets')
    .values({
      ...packet,
      built_order: sql<number>`(select coalesce(max(built_order), 0) + 1 from sync_packets)`,
    })
    .execute();
  const assigned = await trx
    .updateTable('outbox')
    .set({ packet_id: packet.id })
    .where('seq', 'in', seqs)
    .where('packet_id', 'is', null)
    .executeTakeFirst();
  return Number(assigned.numUpdatedRows);
}

/** Packets built and not yet receipted, in outbox order. */
export async function readyPackets(db: Kysely<Database>): Promise<SyncPacketRow[]> {
  return db
    .selectFrom('sync_packets')
    .selectAll()
    .where('state', '=', 'ready')
    .orderBy('from_seq')
    .execute();
}

export async function countReadyPackets(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('sync_packets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'ready')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function syncPacketById(
  db: Kysely<Database>,
  id: string,
): Promise<SyncPacketRow | undefined> {
  return db.selectFrom('sync_packets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateSyncPacket(
  db: Kysely<Database>,
  id: string,
  changes: Updateable<SyncPacketsTable>,
): Promise<void> {
  await db.updateTable('sync_packets').set(changes).where('id', '=', id).execute();
}

/** Forgets a packet not yet receipted; its rows go back to the outbox for the next build. */
export async function discardReadyPacket(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ packet_id: null })
      .where('packet_id', '=', id)
      .where('exported_at', 'is', null)
      .execute();
    await trx
      .deleteFrom('sync_packets')
      .where('id', '=', id)
      .where('state', '=', 'ready')
      .execute();
  });
}

/**
 * Marks exactly the accepted outbox rows of this packet exported, records the rejected ones and
 * stores the receipt (as `receiptJson`), in one transaction; the number of rows newly exported.
 */
export async function markReceipted(
  db: Kysely<Database>,
  packet: Pick<SyncPacketRow, 'id' | 'size'>,
  receipt: { accepted: string[]; rejected: { id: string; reason: string }[]; receivedAt: string },
  receiptJson: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let exported = 0;
    for (let i = 0; i < receipt.accepted.length; i += 500) {
      const result = await trx
        .updateTable('outbox')
        .set({ exported_at: receipt.receivedAt })
        .where('packet_id', '=', packet.id)
        .where('id', 'in', receipt.accepted.slice(i, i + 500))
        .where('exported_at', 'is', null)
        .executeTakeFirst();
      exported += Number(result.numUpdatedRows);
    }
    for (const item of receipt.rejected) {
      await trx
        .insertInto('outbox_rejections')
        .values({
          outbox_id: item.id,
          packet_id: packet.id,
          reason: item.reason,
          at: receipt.receivedAt,
        })
        .onConflict((oc) => oc.column('outbox_id').doNothing())
        .execute();
    }
    await trx
      .updateTable('sync_packets')
      .set({
        state: 'receipted',
        receipt: receiptJson,
        receipted_at: receipt.receivedAt,
        last_error: null,
        next_attempt_at: null,
        uploaded_bytes: packet.size,
      })
      .where('id', '=', packet.id)
      .execute();
    return exported;
  });
}
