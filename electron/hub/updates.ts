import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import { stationByUnit } from '../../db/queries/hub-stations';
import { hasStatusUpdate, insertUpdate, updatesAfter } from '../../db/queries/hub-updates';
import { documentPdf, lastApplicationStatus } from '../../db/queries/office-decisions';
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
  signalQueued(update.unitId, db.isTransaction);
}

/** Hears that an update was queued: for one unit, or (null) for every unit. */
export type UpdateQueuedListener = (unitId: string | null) => void;
const queuedListeners = new Set<UpdateQueuedListener>();

/**
 * The in-process notifier the long-polls (update-waits.ts, `POST /v1/updates/wait`) listen to;
 * returns the function that stops listening. Only this process hears it: several hub servers on
 * one PostgreSQL database would need LISTEN/NOTIFY to wake each other's waits (not built; their
 * stations still get everything at the 60 s pull).
 */
export function onUpdateQueued(listener: UpdateQueuedListener): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

/**
 * When a signal goes out after queueUpdate inside a transaction (a decision, an arrival), which
 * commits only after queueUpdate returns. On SQLite a waiter's check queues behind that
 * transaction on the one connection and sees the commit; on PostgreSQL it may run first and see
 * nothing, so the signal is repeated while the commit lands (one indexed query per waiting unit
 * each time). Outside a transaction the row is committed already: one signal.
 */
const AFTER_TRANSACTION_MS = [0, 250, 1000, 3000] as const;

function signalQueued(unitId: string | null, isTransaction: boolean): void {
  if (queuedListeners.size === 0) return;
  const fire = () => {
    for (const listener of [...queuedListeners]) listener(unitId);
  };
  for (const delay of isTransaction ? AFTER_TRANSACTION_MS : [0]) {
    const timer = setTimeout(fire, delay);
    timer.unref();
  }
}

/**
 * Payload bytes one bundle carries at most: issued documents with a SIAK PDF carry up to 10 MiB
 * each (13.3 MiB as base64), and the sealed box of a bundle grows by a third again, within the
 * 64 MiB a station reads of a USB updates file. The first update always goes, so a bundle is
 * never empty while updates wait; the station pulls the rest next.
 */
export const BUNDLE_PAYLOAD_BYTES = 24 * 1024 * 1024;

/** The signed bundle of a station's updates after `after` (and every station's revocations). */
export async function updatesFor(
  hub: Pick<HubContext, 'db' | 'keys'>,
  unitId: string,
  after: number,
  at: string,
  limit = 1000,
  maxBytes = BUNDLE_PAYLOAD_BYTES,
): Promise<UpdatesBundle> {
  const rows = await updatesAfter(hub.db, unitId, after, limit);
  const updates: DistrictUpdate[] = [];
  let bytes = 0;
  for (const r of rows) {
    const parsed = JSON.parse(r.payload) as Record<string, unknown>;
    const payload = await withDocumentPdf(hub.db, r.kind, parsed);
    const size = r.payload.length + (payload.pdfBase64?.length ?? 0);
    if (updates.length > 0 && bytes + size > maxBytes) break;
    bytes += size;
    updates.push({
      seq: r.seq,
      kind: r.kind,
      subjectId: r.subject_id,
      payload,
      createdAt: r.created_at,
    });
  }
  return signDocument(hub.keys.signing.privateKey, {
    format: UPDATES,
    version: 1 as const,
    unitId,
    after,
    last: updates.at(-1)?.seq ?? after,
    updates,
    issuedAt: at,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
  });
}

/**
 * An issued document with a SIAK PDF (version 2, `pdfSha256`) travels with the PDF's bytes: the
 * feed names it by hash and the bytes join here (docs/sync-packets.md, "Issued documents with a
 * SIAK PDF"). Inside the signed bundle, so the station gets them under the district's signature.
 */
async function withDocumentPdf(
  db: Kysely<HubDatabase>,
  kind: string,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown> & { pdfBase64?: string }> {
  const document = payload['document'] as { pdfSha256?: unknown } | undefined;
  if (kind !== 'issued-document' || typeof document?.pdfSha256 !== 'string') return payload;
  const pdf = await documentPdf(db, document.pdfSha256);
  return pdf ? { ...payload, pdfBase64: pdf.toString('base64') } : payload;
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
  if (!arrival) return;
  // An application is "dikirim" again after the district returned it and the desk sent it again.
  const isNew =
    arrival.kind === 'application-status'
      ? [undefined, 'dikembalikan'].includes(await lastApplicationStatus(trx, record.aggregate_id))
      : !(await hasStatusUpdate(trx, record.aggregate_id, arrival.payload.status));
  if (!isNew) return;
  await queueUpdate(trx, { unitId, subjectId: record.aggregate_id, ...arrival }, at);
}
