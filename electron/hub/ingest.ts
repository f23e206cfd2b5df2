import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hasAnchors, insertAnchor } from '../../db/queries/hub-anchors';
import { lockStation } from '../../db/queries/hub-stations';
import { insertAttachment, insertRecords, markPacketCommitted } from '../../db/queries/hub-packets';
import { signDocument } from '../protocol/canonical';
import { RECEIPT, type Receipt, type ReceiptBody } from '../protocol/documents';
import { insideFolder } from '../protocol/drive-files';
import { PacketError } from '../protocol/packet/format';
import { keyId } from '../protocol/packet/keys';
import { readPacket } from '../protocol/packet/reader';
import { ANCHOR_MISSING, evaluateAnchor } from './audit-anchors';
import { refuse, type CommitResult, type HubContext } from './context';
import { activeStationKey } from './enrolment';
import { checkRecord, type HubRecordInput } from './records';
import { refuseStaged } from './staging';
import { projectRecords } from './office/projection';
import { noteCommittedPacket } from './office/stations';
import { queueArrival } from './updates';

/**
 * Verifies a staged packet (signature, hash, audit anchor) and stores its records and photos
 * exactly once by outbox id, with the signed receipt, in one transaction; a packet that fails is
 * refused whole and nothing of it is kept. The same for HTTP and USB.
 */
export async function acceptPacket(
  hub: HubContext,
  staged: string,
  meta: { packetId: string; unitId: string; channel: 'http' | 'usb'; sha256: string },
): Promise<CommitResult> {
  const entryDir = `${staged}.d`;
  rmSync(entryDir, { recursive: true, force: true });
  mkdirSync(join(entryDir, 'attachments'), { recursive: true });
  const files: { name: string; path: string; size: number }[] = [];
  const stationKey = await activeStationKey(hub.db, meta.unitId);
  let read;
  try {
    read = await readPacket(staged, {
      recipient: hub.keys.encryption,
      resolveSigner: (unit) => (unit === meta.unitId ? stationKey : null),
      onEntry: (name, size) => {
        const path = insideFolder(entryDir, name.replaceAll('/', '__'));
        files.push({ name, path, size });
        const stream = createWriteStream(path, { mode: 0o600 });
        return {
          write: (b) =>
            new Promise<void>((resolve, reject) =>
              stream.write(b, (error) => (error ? reject(error) : resolve())),
            ),
          end: () => new Promise<void>((resolve) => stream.end(resolve)),
        };
      },
    });
    if (read.header.unitId !== meta.unitId)
      throw new PacketError('BAD_MANIFEST', 'sent by another unit than the one signed in');
    if (read.sha256 !== meta.sha256)
      throw new PacketError('HASH_MISMATCH', 'the bytes differ from the announced hash');
  } catch (error) {
    rmSync(entryDir, { recursive: true, force: true });
    rmSync(staged, { force: true });
    const reason = error instanceof PacketError ? error.reason : 'UNREADABLE';
    const message = String((error as Error).message);
    await refuseStaged(hub, meta.packetId, meta.unitId, meta.channel, reason, message);
    return refuse(reason === 'UNKNOWN_STATION' ? 403 : 422, reason, message);
  }
  // A station that has anchored its audit chain never sends a packet without the anchor again
  // (finding 1.8): one that does was rolled back or downgraded to hide a rewrite.
  if (!read.manifest.audit && (await hasAnchors(hub.db, meta.unitId))) {
    rmSync(entryDir, { recursive: true, force: true });
    rmSync(staged, { force: true });
    const message = 'the manifest carries no audit anchor, but the district holds this station’s';
    await refuseStaged(hub, meta.packetId, meta.unitId, meta.channel, ANCHOR_MISSING, message);
    return refuse(422, ANCHOR_MISSING, message);
  }

  const accepted: string[] = [];
  const rejected: { id: string; reason: string }[] = [];
  const records: HubRecordInput[] = [];
  for (const file of files.filter((f) => /^records-\d{4}\.jsonl$/.test(f.name))) {
    let lineNo = 0;
    for await (const line of createInterface({ input: createReadStream(file.path) })) {
      lineNo += 1;
      if (line.trim() === '') continue;
      const checked = checkRecord(line, read.manifest.outbox);
      if ('reason' in checked)
        rejected.push({ id: checked.id ?? `${file.name}:${lineNo}`, reason: checked.reason });
      else {
        records.push(checked);
        accepted.push(checked.id);
      }
    }
  }
  const at = hub.at();
  const body: ReceiptBody = {
    format: RECEIPT,
    version: 1,
    packetId: meta.packetId,
    unitId: meta.unitId,
    sha256: meta.sha256,
    channel: meta.channel,
    accepted,
    rejected,
    receivedAt: at,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
  };
  const packetDir = insideFolder(join(hub.dataDir, 'packets'), meta.unitId);
  mkdirSync(packetDir, { recursive: true, mode: 0o700 });
  const fileName = join(meta.unitId, `${meta.packetId}.lmp`);
  const attachments = files.filter((f) => f.name.startsWith('attachments/'));
  const receipt = await hub.db.transaction().execute(async (trx) => {
    // One commit per station at a time on PostgreSQL too (SQLite has one connection).
    await lockStation(trx, meta.unitId);
    // The receipt is signed here: it echoes the audit anchor checked and stored in this
    // transaction (finding 1.8), so two packets of one station committing at once see each other.
    const anchor = await evaluateAnchor(trx, meta.unitId, read.manifest, at);
    if (anchor) {
      await insertAnchor(trx, anchor);
      body.auditAnchor = { seq: anchor.seq, hash: anchor.hash, flag: anchor.flag ?? null };
    }
    const signed = signDocument(hub.keys.signing.privateKey, body) as Receipt;
    for (let i = 0; i < records.length; i += 200) {
      const inserted = await insertRecords(
        trx,
        records.slice(i, i + 200).map((r) => ({
          outbox_id: r.id,
          packet_id: meta.packetId,
          unit_id: meta.unitId,
          seq: r.seq,
          aggregate: r.aggregate,
          aggregate_id: r.aggregateId,
          op: r.op,
          at: r.at,
          data: JSON.stringify(r.data),
          received_at: at,
        })),
      );
      // The station learns at its next pull that the district has it (first arrival only).
      for (const fresh of inserted) await queueArrival(trx, meta.unitId, fresh, at);
      // The back-office work queue (office_applications) sees them in the same transaction.
      await projectRecords(trx, meta.unitId, inserted, at);
    }
    for (const file of attachments) {
      const name = file.name.slice('attachments/'.length);
      // Kept in the encrypted database, never as a plain file (finding 1.12).
      await insertAttachment(trx, {
        sha256: name.split('.')[0] ?? name,
        size: file.size,
        file_name: name,
        packet_id: meta.packetId,
        data: await readFile(file.path),
      });
    }
    // The back-office's station list (health, last packet) and KTP-el recordings.
    await noteCommittedPacket(trx, { ...meta, manifest: read.manifest, records }, at);
    await markPacketCommitted(trx, meta.packetId, {
      committed_at: at,
      receipt: JSON.stringify(signed),
      file_name: fileName,
      received_bytes: read.size,
    });
    return signed;
  });
  renameSync(staged, insideFolder(join(hub.dataDir, 'packets'), fileName));
  rmSync(entryDir, { recursive: true, force: true });
  return { ok: true, receipt, isDuplicate: false };
}
