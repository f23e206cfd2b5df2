import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import { stationByUnit } from '../../db/queries/hub-stations';
import { hasStatusUpdate, insertUpdate, updatesAfter } from '../../db/queries/hub-updates';
import { signDocument } from '../protocol/canonical';
import { UPDATES, type DistrictUpdate, type UpdatesBundle } from '../protocol/documents';
import type { Aggregate } from '../protocol/outbox';
import { keyId } from '../protocol/packet/keys';
import type { SealedBox } from '../protocol/sealed';
import { sealUpdates, type UpdatesChannel } from '../protocol/updates-box';
import type { HubContext } from './context';

/**
 * The updates feed stations pull back (docs/sync-protocol.md, "Pull"): every decision and every
 * first arrival becomes one update, for one station or (revocations) for all.
 */

export async function queueUpdate(
  db: Kysely<HubDatabase>,
  update: {
    unitId: string | null;
    kind: DistrictUpdate['kind'];
    subjectId: string;
    payload: object;
  },
  at: string,
): Promise<void> {
  await insertUpdate(db, {
    unit_id: update.unitId,
    kind: update.kind,
    subject_id: update.subjectId,
    payload: JSON.stringify(update.payload),
    created_at: at,
  });
}

/** The signed bundle of a station's updates after `after` (and every station's revocations). */
export async function updatesFor(
  hub: Pick<HubContext, 'db' | 'keys'>,
  unitId: string,
  after: number,
  at: string,
  limit = 1000,
): Promise<UpdatesBundle> {
  const rows = await updatesAfter(hub.db, unitId, after, limit);
  const updates = rows.map((r) => ({
    seq: r.seq,
    kind: r.kind,
    subjectId: r.subject_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
  return signDocument(hub.keys.signing.privateKey, {
    format: UPDATES,
    version: 1 as const,
    unitId,
    after,
    last: rows.at(-1)?.seq ?? after,
    updates,
    issuedAt: at,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
  });
}

/**
 * A station's updates after `after`, signed and then sealed to the station's X25519 key for
 * one channel (updates-box.ts); null for a unit that is not enrolled or is revoked.
 */
export async function sealedUpdatesFor(
  hub: HubContext,
  unitId: string,
  after: number,
  channel: UpdatesChannel,
): Promise<SealedBox | null> {
  const row = await stationByUnit(hub.db, unitId);
  if (!row || row.revoked_at) return null;
  const bundle = await updatesFor(hub, unitId, after, hub.at());
  return sealUpdates(Buffer.from(row.encryption_key, 'base64'), bundle, channel);
}

const APPLICATION: Aggregate = 'application';
const RECORDING: Aggregate = 'recording';

/**
 * Arrivals the station hears about at its next pull: an application the desk verified is
 * "dikirim" (the district has it); a recording's first record makes it "terkirim".
 */
export async function queueArrival(
  trx: Kysely<HubDatabase>,
  unitId: string,
  record: { aggregate: string; aggregate_id: string; data: string },
  at: string,
): Promise<void> {
  const data = JSON.parse(record.data) as { status?: unknown };
  const arrival =
    record.aggregate === APPLICATION && data.status === 'diverifikasi'
      ? {
          kind: 'application-status' as const,
          payload: { status: 'dikirim', reason: null, by: 'Disdukcapil', at },
        }
      : record.aggregate === RECORDING
        ? { kind: 'recording-status' as const, payload: { status: 'terkirim', note: null, at } }
        : null;
  if (!arrival || (await hasStatusUpdate(trx, record.aggregate_id, arrival.payload.status))) return;
  await queueUpdate(trx, { unitId, subjectId: record.aggregate_id, ...arrival }, at);
}
