import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import { insertPacket, insertRecords } from '../../db/queries/hub-packets';
import { upsertStation } from '../../db/queries/hub-stations';
import { keyPairFromSeed } from '../protocol/packet/keys';
import { projectRecordings } from '../hub/office/recordings';

/**
 * Stations and KTP-el recording records put straight into a hub's database, as ingest stores them
 * (records + the back-office projection), for tests of the recordings and stations areas without
 * building packets. A real station's sync is in electron/testing/sync.ts.
 */
export interface SeededStation {
  unitId: string;
  name: string;
  signingKey: string;
}

export async function seedStation(
  db: Kysely<HubDatabase>,
  options: { name?: string; unitId?: string; at?: string } = {},
): Promise<SeededStation> {
  const unitId = options.unitId ?? randomUUID();
  const seed = Buffer.alloc(32);
  seed.write(unitId.replaceAll('-', '').slice(0, 32), 'hex');
  const signing = keyPairFromSeed('ed25519', seed);
  const encryption = keyPairFromSeed('x25519', seed);
  const name = options.name ?? `Unit ${unitId.slice(0, 4)}`;
  await upsertStation(db, {
    unit_id: unitId,
    unit_code: '1602011',
    name,
    region_code: '1602011',
    signing_key: signing.publicRaw.toString('base64'),
    encryption_key: encryption.publicRaw.toString('base64'),
    enrolled_at: options.at ?? '2026-12-01T00:00:00.000Z',
    revoked_at: null,
  });
  return { unitId, name, signingKey: signing.publicRaw.toString('base64') };
}

export interface SeedRecording {
  recordingId?: string;
  nik: string | null;
  name?: string;
  recordedAt?: string;
  /** Station statuses after 'direkam', in order (e.g. ['terkirim', 'prr', 'dicetak']). */
  later?: string[];
}

let seqCounter = 0;

/** Stores the recordings' records (one packet) and projects them; returns their ids in order. */
export async function seedRecordings(
  db: Kysely<HubDatabase>,
  unitId: string,
  recordings: readonly SeedRecording[],
  at = '2026-12-02T03:00:00.000Z',
): Promise<string[]> {
  const packetId = randomUUID();
  await insertPacket(db, {
    packet_id: packetId,
    unit_id: unitId,
    sha256: '0'.repeat(64),
    size: 1,
    state: 'committed',
    channel: 'http',
    received_bytes: 1,
    announced_at: at,
    committed_at: at,
    receipt: null,
    file_name: null,
  });
  const ids: string[] = [];
  const records: {
    id: string;
    seq: number;
    aggregate: 'recording';
    aggregateId: string;
    op: string;
    at: string;
    data: Record<string, unknown>;
  }[] = [];
  for (const r of recordings) {
    const id = r.recordingId ?? randomUUID();
    ids.push(id);
    const recordedAt = r.recordedAt ?? at;
    seqCounter += 1;
    records.push({
      id: randomUUID(),
      seq: seqCounter,
      aggregate: 'recording',
      aggregateId: id,
      op: 'upsert',
      at: recordedAt,
      data: {
        event: 'created',
        ID_REKAM: id,
        NIK: r.nik,
        NAMA_LGKP: r.name ?? 'WARGA UJI',
        TGL_REKAM: recordedAt,
        STATUS_REKAM: 'direkam',
        IS_PEMULA: false,
      },
    });
    for (const status of r.later ?? []) {
      seqCounter += 1;
      records.push({
        id: randomUUID(),
        seq: seqCounter,
        aggregate: 'recording',
        aggregateId: id,
        op: 'upsert',
        at: recordedAt,
        data: { ID_REKAM: id, NIK: r.nik, STATUS_REKAM: status, TGL_STATUS: recordedAt },
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < records.length; i += 200)
      await insertRecords(
        trx,
        records.slice(i, i + 200).map((r) => ({
          outbox_id: r.id,
          packet_id: packetId,
          unit_id: unitId,
          seq: r.seq,
          aggregate: r.aggregate,
          aggregate_id: r.aggregateId,
          op: r.op,
          at: r.at,
          data: JSON.stringify(r.data),
          received_at: at,
        })),
      );
    await projectRecordings(trx, unitId, records, at);
  });
  return ids;
}
