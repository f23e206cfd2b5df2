import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { insertPacket, packetById } from '../../db/queries/hub-packets';
import type { Receipt } from '../protocol/documents';
import { createExclusive, DriveError, driveProblem, openDriveFile } from '../protocol/drive-files';
import { PacketError } from '../protocol/packet/format';
import { readPacketHeader } from '../protocol/packet/reader';
import { MAX_PACKET_BYTES, refuse, type CommitResult, type HubContext } from './context';
import { activeStationKey } from './enrolment';
import { acceptPacket } from './ingest';
import { refuseStaged, stagingFile } from './staging';

/**
 * Reads the drive file once through a handle opened without following links (a link, FIFO or
 * device is refused before it is opened; the size is capped before a byte is read), into a
 * staging file of the hub's own. `expected` is the unit folder and file name it was found under:
 * a packet must be where its signed header says it belongs.
 */
export async function importPacketFile(
  hub: HubContext,
  path: string,
  expected: { unitId: string; packetId: string } | null,
): Promise<CommitResult> {
  let opened;
  try {
    opened = await openDriveFile(path, MAX_PACKET_BYTES);
  } catch (error) {
    if (error instanceof DriveError)
      return refuse(error.reason === 'DRIVE_TOO_LARGE' ? 413 : 422, error.reason, error.message);
    return refuse(422, 'UNREADABLE', String((error as Error).message));
  }
  const { handle, size } = opened;
  try {
    let header;
    try {
      header = await readPacketHeader(handle);
    } catch (error) {
      const reason = error instanceof PacketError ? error.reason : 'UNREADABLE';
      return refuse(422, reason, String((error as Error).message));
    }
    if (expected && (header.unitId !== expected.unitId || header.packetId !== expected.packetId))
      return refuse(422, 'WRONG_FOLDER', 'the packet is not under its own unit folder and name');
    const existing = await packetById(hub.db, header.packetId);
    if (existing && existing.unit_id !== header.unitId)
      return refuse(409, 'PACKET_ID_REUSED', 'this packet id belongs to another unit');
    const staged = stagingFile(hub, header.packetId);
    rmSync(staged, { force: true });
    let sha256;
    try {
      sha256 = await copyHashing(handle, size, staged);
    } catch (error) {
      rmSync(staged, { force: true });
      return refuse(422, driveProblem(error, 'UNREADABLE'), String((error as Error).message));
    }
    if (existing?.state === 'committed' && existing.receipt) {
      rmSync(staged, { force: true });
      // The same receipt only for the same bytes: a file that merely borrows a committed
      // packet's id proves nothing and gets nothing.
      if (existing.sha256 !== sha256)
        return refuse(409, 'PACKET_ID_REUSED', 'this packet id was stored with other contents');
      return { ok: true, receipt: JSON.parse(existing.receipt) as Receipt, isDuplicate: true };
    }
    if (!existing) {
      const isKnown = await activeStationKey(hub.db, header.unitId);
      if (!isKnown) {
        rmSync(staged, { force: true });
        await refuseStaged(
          hub,
          header.packetId,
          header.unitId,
          'usb',
          'UNKNOWN_STATION',
          `unit ${header.unitId}`,
        );
        return refuse(403, 'UNKNOWN_STATION', `unit ${header.unitId} is not enrolled`);
      }
      await insertPacket(hub.db, {
        packet_id: header.packetId,
        unit_id: header.unitId,
        sha256,
        size,
        state: 'receiving',
        channel: 'usb',
        received_bytes: size,
        announced_at: hub.at(),
        committed_at: null,
        receipt: null,
        file_name: null,
      });
    }
    return await acceptPacket(hub, staged, {
      packetId: header.packetId,
      unitId: header.unitId,
      channel: 'usb',
      sha256,
    });
  } finally {
    await handle.close();
  }
}

/**
 * Copies `size` bytes from an open drive file into a new staging file (created exclusively, never
 * through a link) and returns their sha-256 (one read of the source).
 */
async function copyHashing(from: FileHandle, size: number, to: string): Promise<string> {
  const hash = createHash('sha256');
  const out = await createExclusive(to);
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let position = 0;
    while (position < size) {
      const { bytesRead } = await from.read(
        buffer,
        0,
        Math.min(buffer.length, size - position),
        position,
      );
      if (bytesRead === 0) throw new PacketError('TRUNCATED', `file ends at byte ${position}`);
      hash.update(buffer.subarray(0, bytesRead));
      await out.write(buffer, 0, bytesRead);
      position += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}
