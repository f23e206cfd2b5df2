import { rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { insertPacket, packetById } from '../../db/queries/hub-packets';
import type { Receipt } from '../protocol/documents';
import { isUuid } from '../protocol/drive-files';
import {
  MAX_PACKET_BYTES,
  refuse,
  type AnnounceResult,
  type CommitResult,
  type HubContext,
  type HubRefusal,
} from './context';
import { acceptPacket } from './ingest';
import { stagedBytes, stagingFile } from './staging';

/**
 * Upload over HTTP (docs/sync-protocol.md, "Upload"): announce a packet, append its bytes piece
 * by piece at the offset the hub has, then commit it (verified and stored like a USB import).
 */

export async function announce(
  hub: HubContext,
  unitId: string,
  packet: { packetId: string; sha256: string; size: number },
): Promise<AnnounceResult> {
  if (!isUuid(packet.packetId)) return refuse(422, 'BAD_PACKET_ID', 'packetId must be a UUID');
  if (!/^[0-9a-f]{64}$/.test(packet.sha256))
    return refuse(422, 'BAD_SHA256', 'sha256 must be 64 hex digits');
  if (!Number.isSafeInteger(packet.size) || packet.size < 1 || packet.size > MAX_PACKET_BYTES)
    return refuse(413, 'TOO_LARGE', `size must be 1 .. ${MAX_PACKET_BYTES}`);
  const existing = await packetById(hub.db, packet.packetId);
  if (existing) {
    if (
      existing.unit_id !== unitId ||
      existing.sha256 !== packet.sha256 ||
      existing.size !== packet.size
    )
      return refuse(409, 'PACKET_ID_REUSED', 'this packet id was announced with other contents');
    if (existing.state === 'committed' && existing.receipt)
      return { ok: true, state: 'committed', receipt: JSON.parse(existing.receipt) as Receipt };
    return {
      ok: true,
      state: 'receiving',
      receivedBytes: await stagedBytes(hub, packet.packetId),
    };
  }
  await insertPacket(hub.db, {
    packet_id: packet.packetId,
    unit_id: unitId,
    sha256: packet.sha256,
    size: packet.size,
    state: 'receiving',
    channel: 'http',
    received_bytes: 0,
    announced_at: hub.at(),
    committed_at: null,
    receipt: null,
    file_name: null,
  });
  rmSync(stagingFile(hub, packet.packetId), { force: true });
  return { ok: true, state: 'receiving', receivedBytes: 0 };
}

/** Appends one piece at `offset`; a piece for another offset answers the hub's true length. */
export async function appendData(
  hub: HubContext,
  unitId: string,
  packetId: string,
  offset: number,
  bytes: Buffer,
): Promise<{ ok: true; receivedBytes: number } | (HubRefusal & { receivedBytes?: number })> {
  const packet = await packetById(hub.db, packetId);
  if (!packet || packet.unit_id !== unitId)
    return refuse(404, 'NOT_ANNOUNCED', 'announce the packet first');
  if (packet.state === 'committed') return { ok: true, receivedBytes: packet.size };
  const have = await stagedBytes(hub, packetId);
  if (offset !== have)
    return { ...refuse(409, 'WRONG_OFFSET', `expected offset ${have}`), receivedBytes: have };
  if (have + bytes.length > packet.size)
    return refuse(413, 'TOO_LONG', 'more bytes than announced');
  const file = await open(stagingFile(hub, packetId), 'a', 0o600);
  try {
    await file.write(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  return { ok: true, receivedBytes: have + bytes.length };
}

/** Verifies and stores an announced packet once all its bytes are staged. */
export async function commitStaged(
  hub: HubContext,
  unitId: string,
  packetId: string,
): Promise<CommitResult> {
  const packet = await packetById(hub.db, packetId);
  if (!packet || packet.unit_id !== unitId)
    return refuse(404, 'NOT_ANNOUNCED', 'announce the packet first');
  if (packet.state === 'committed' && packet.receipt)
    return { ok: true, receipt: JSON.parse(packet.receipt) as Receipt, isDuplicate: true };
  const staged = stagingFile(hub, packetId);
  const have = await stagedBytes(hub, packetId);
  if (have !== packet.size)
    return refuse(409, 'INCOMPLETE', `received ${have} of ${packet.size} bytes`);
  // Reading the packet hashes the file as it goes: the announced hash is checked there, in the
  // one pass over the bytes.
  return acceptPacket(hub, staged, { packetId, unitId, channel: 'http', sha256: packet.sha256 });
}
