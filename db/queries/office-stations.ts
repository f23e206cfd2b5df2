import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  HubDatabase,
  HubDocumentsTable,
  HubStationsTable,
  StationHealthTable,
} from '../hub-schema';

/**
 * Stations, their health and the documents issued, for the back-office (issue 15 item 7;
 * electron/hub/office/stations.ts). Portable: SQLite and PostgreSQL.
 */
type Db = Kysely<HubDatabase>;

/**
 * The hub's time of a station's signed request. Written at most every 30 s per station (many
 * pieces of one upload need not each write).
 */
export async function touchStationContact(db: Db, unitId: string, at: string): Promise<void> {
  const before = new Date(Date.parse(at) - 30_000).toISOString();
  await db
    .insertInto('station_health')
    .values({ unit_id: unitId, last_contact_at: at, guard_reasons: '' })
    .onConflict((oc) =>
      oc
        .column('unit_id')
        .doUpdateSet({ last_contact_at: at })
        .where((eb) =>
          eb.or([
            eb('station_health.last_contact_at', 'is', null),
            eb('station_health.last_contact_at', '<', before),
          ]),
        ),
    )
    .execute();
}

export interface PacketHealth {
  unitId: string;
  packetId: string;
  channel: 'http' | 'usb';
  /** The hub's commit time. */
  at: string;
  /** The packet's outbox toSeq: the health of the highest one is kept. */
  toSeq: number;
  createdAt: string;
  health: {
    softwareVersion: string | null;
    backlogRecords: number | null;
    oldestUnsyncedAt: string | null;
    guardLevel: 'ok' | 'warn' | 'block' | null;
    guardReasons: string[];
    freeBytes: number | null;
    stationTime: string | null;
  } | null;
}

/**
 * A committed packet: last packet and last contact always; the health it carried only when its
 * outbox range is newer than the one kept (an old packet imported late never hides a new state).
 */
export async function notePacketHealth(db: Db, packet: PacketHealth): Promise<void> {
  const contact = {
    last_contact_at: packet.at,
    last_packet_id: packet.packetId,
    last_packet_at: packet.at,
    last_packet_channel: packet.channel,
  };
  const health = packet.health
    ? {
        health_seq: packet.toSeq,
        software_version: packet.health.softwareVersion,
        backlog_records: packet.health.backlogRecords,
        oldest_unsynced_at: packet.health.oldestUnsyncedAt,
        guard_level: packet.health.guardLevel,
        guard_reasons: packet.health.guardReasons.join(','),
        free_bytes: packet.health.freeBytes,
        station_time: packet.health.stationTime,
        packet_created_at: packet.createdAt,
      }
    : null;
  const current = await db
    .selectFrom('station_health')
    .select('health_seq')
    .where('unit_id', '=', packet.unitId)
    .executeTakeFirst();
  const isNewer =
    health !== null &&
    (current?.health_seq === null ||
      current?.health_seq === undefined ||
      Number(current.health_seq) <= packet.toSeq);
  if (!current) {
    await db
      .insertInto('station_health')
      .values({
        unit_id: packet.unitId,
        guard_reasons: '',
        ...contact,
        ...(isNewer ? health : {}),
      })
      .onConflict((oc) =>
        oc.column('unit_id').doUpdateSet({ ...contact, ...(isNewer ? health : {}) }),
      )
      .execute();
    return;
  }
  await db
    .updateTable('station_health')
    .set({ ...contact, ...(isNewer ? health : {}) })
    .where('unit_id', '=', packet.unitId)
    .execute();
}

export type StationWithHealth = Selectable<HubStationsTable> &
  Omit<Selectable<StationHealthTable>, 'unit_id'>;

export async function stationsWithHealth(db: Db): Promise<StationWithHealth[]> {
  const rows = await db
    .selectFrom('stations')
    .leftJoin('station_health', 'station_health.unit_id', 'stations.unit_id')
    .selectAll('stations')
    .select([
      'station_health.last_contact_at',
      'station_health.last_packet_id',
      'station_health.last_packet_at',
      'station_health.last_packet_channel',
      'station_health.health_seq',
      'station_health.software_version',
      'station_health.backlog_records',
      'station_health.oldest_unsynced_at',
      'station_health.guard_level',
      'station_health.guard_reasons',
      'station_health.free_bytes',
      'station_health.station_time',
      'station_health.packet_created_at',
    ])
    .orderBy('stations.name')
    .orderBy('stations.unit_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    guard_reasons: r.guard_reasons ?? '',
    health_seq: r.health_seq === null ? null : Number(r.health_seq),
    backlog_records: r.backlog_records === null ? null : Number(r.backlog_records),
    free_bytes: r.free_bytes === null ? null : Number(r.free_bytes),
  }));
}

/** Revokes a station's key; false when it is unknown or revoked already. */
export async function revokeStationKey(
  db: Db,
  unitId: string,
  revocation: { at: string; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('stations')
    .set({ revoked_at: revocation.at, revoke_reason: revocation.reason })
    .where('unit_id', '=', unitId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface DocumentFilters {
  /** Part of a document number, or a 16-digit NIK (exact). */
  text?: string | undefined;
}

function documentsFiltered(db: Db, filters: DocumentFilters) {
  let query = db.selectFrom('documents');
  const text = filters.text?.trim();
  if (text) {
    const escaped = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);
    // The NIK sits in the signed document's JSON (data.NIK); matched as that exact member.
    query = /^\d{16}$/.test(text)
      ? query.where(sql<boolean>`signed like ${`%"NIK":"${text}"%`}`)
      : query.where(
          sql<boolean>`upper(document_number) like ${`%${escaped(text.toUpperCase())}%`} escape '\\'`,
        );
  }
  return query;
}

/** One page of issued documents, newest first, with the total under the same filter. */
export async function listDocuments(
  db: Db,
  filters: DocumentFilters,
  page: { offset: number; limit: number },
): Promise<{
  rows: (Selectable<HubDocumentsTable> & { station_name: string | null })[];
  total: number;
}> {
  const rows = await documentsFiltered(db, filters)
    .leftJoin('stations', 'stations.unit_id', 'documents.unit_id')
    .selectAll('documents')
    .select('stations.name as station_name')
    .orderBy('documents.issued_at', 'desc')
    .orderBy('documents.document_number')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const count = await documentsFiltered(db, filters)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}
