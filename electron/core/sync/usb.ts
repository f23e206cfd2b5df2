import { rm } from 'node:fs/promises';
import { readyPackets, syncPacketById, updateSyncPacket } from '../../../db/queries/sync-packets';
import { join } from 'node:path';
import type { CoreDeps } from '../deps';
import {
  buildNextPacket,
  cleanOutgoing,
  DEFAULT_LIMITS,
  outgoingDir,
  type PacketLimits,
} from './build';
import {
  DRIVE_ROOT,
  driveProblem,
  ensureDriveFolder,
  insideFolder,
  isDriveFolder,
  isUuid,
  listDriveFolder,
  readDriveFile,
  writeDriveFile,
} from '../../protocol/drive-files';
import { applyUpdatesBundle, updatesCursor, type PullSummary } from './pull';
import type { StationKeys } from './station-keys';
import { openUpdates } from '../../protocol/updates-box';
import { applyReceipt, checkReceipt, SyncError, type SyncTarget } from './upload';
import { signUsbCursor } from '../../protocol/usb-cursor';

/** Largest receipt file read from a drive (a receipt lists at most a packet's outbox ids). */
const MAX_RECEIPT_BYTES = 16 * 1024 * 1024;
/** Largest updates file read from a drive. */
const MAX_UPDATES_BYTES = 64 * 1024 * 1024;

/**
 * Sync by USB drive (docs/sync-protocol.md, "USB"): the same packet files, in a fixed layout the
 * hub's `import` command reads; the hub writes receipts and an updates bundle next to them.
 *
 *   <drive>/lakon-mandira/<unitId>/packets/<packetId>.lmp
 *   <drive>/lakon-mandira/<unitId>/receipts/<packetId>.json
 *   <drive>/lakon-mandira/<unitId>/updates.json
 *   <drive>/lakon-mandira/<unitId>/cursor.json     (the station's signed updates cursor)
 *
 * The drive is outside data (drive-files.ts): no link is followed, only regular files are read,
 * sizes are capped, files are created exclusively. The updates file is sealed to this station.
 */
export function driveFolder(drive: string, unitId: string): string {
  return join(drive, DRIVE_ROOT, unitId);
}

export interface UsbExportSummary {
  built: number;
  written: number;
  bytes: number;
}

/** Builds what is pending and copies every packet without a receipt onto the drive. */
export async function usbExport(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  drive: string,
  options: {
    limits?: PacketLimits;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<UsbExportSummary> {
  const unitFolder = driveFolder(drive, deps.unit.unit_id);
  const folder = join(unitFolder, 'packets');
  // One level at a time, each checked: a link anywhere on the way is refused, never followed.
  for (const path of [join(drive, DRIVE_ROOT), unitFolder, folder]) await ensureDriveFolder(path);
  await cleanOutgoing(deps);
  let built = 0;
  while (
    await buildNextPacket(
      deps,
      keys,
      target.districtEncryptionKey,
      options.limits ?? DEFAULT_LIMITS,
    )
  )
    built += 1;
  const ready = await readyPackets(deps.db);
  const total = ready.reduce((sum, p) => sum + p.size, 0);
  let bytes = 0;
  for (const packet of ready) {
    // .part, flushed, then renamed: a drive pulled out mid-copy never holds a half packet.
    await writeDriveFile(folder, packet.file_name, {
      path: insideFolder(outgoingDir(deps), packet.file_name),
    });
    bytes += packet.size;
    await updateSyncPacket(deps.db, packet.id, {
      usb_exported_at: deps.ports.clock.now().toISOString(),
    });
    options.onProgress?.(bytes, total);
  }
  // Where the district's updates should start for this station, signed and dated: with it the
  // hub writes updates for this station even when the drive carries no packet.
  const cursor = signUsbCursor(
    keys.signing.privateKey,
    deps.unit.unit_id,
    await updatesCursor(deps),
    deps.ports.clock.now(),
  );
  await writeDriveFile(unitFolder, 'cursor.json', Buffer.from(JSON.stringify(cursor)));
  return { built, written: ready.length, bytes };
}

export interface UsbImportSummary {
  receipts: number;
  exported: number;
  rejected: number;
  refused: { file: string; reason: string }[];
  updates: PullSummary | null;
}

/**
 * Reads the district's receipts and updates from the drive; a bad file is named, not applied. A
 * link, FIFO or device where a folder or file of the layout should be is named (DRIVE_LINK,
 * DRIVE_NOT_FILE, ...) and never opened.
 */
export async function usbImport(
  deps: CoreDeps,
  target: SyncTarget,
  drive: string,
): Promise<UsbImportSummary> {
  const folder = driveFolder(drive, deps.unit.unit_id);
  const summary: UsbImportSummary = {
    receipts: 0,
    exported: 0,
    rejected: 0,
    refused: [],
    updates: null,
  };
  const checkFolder = async (path: string, name: string): Promise<boolean> => {
    try {
      return await isDriveFolder(path);
    } catch (error) {
      summary.refused.push({ file: name, reason: driveProblem(error, 'NOT_JSON') });
      return false;
    }
  };
  if (
    !(await checkFolder(join(drive, DRIVE_ROOT), DRIVE_ROOT)) ||
    !(await checkFolder(folder, deps.unit.unit_id))
  )
    return summary;
  const receiptsDir = join(folder, 'receipts');
  const packetsDir = join(folder, 'packets');
  const hasPackets = await checkFolder(packetsDir, 'packets');
  const entries = (await checkFolder(receiptsDir, 'receipts'))
    ? (await listDriveFolder(receiptsDir)).filter((e) => e.name.endsWith('.json'))
    : [];
  for (const { name, kind } of entries) {
    if (kind !== 'file') {
      summary.refused.push({
        file: name,
        reason: kind === 'link' ? 'DRIVE_LINK' : 'DRIVE_NOT_FILE',
      });
      continue;
    }
    const packetId = name.slice(0, -'.json'.length);
    const packet = isUuid(packetId) ? await syncPacketById(deps.db, packetId) : undefined;
    if (!packet) {
      summary.refused.push({ file: name, reason: 'UNKNOWN_PACKET' });
      continue;
    }
    try {
      const bytes = await readDriveFile(insideFolder(receiptsDir, name), MAX_RECEIPT_BYTES);
      const receipt = checkReceipt(target, packet, JSON.parse(bytes.toString('utf8')));
      const applied = await applyReceipt(deps.db, packet, receipt);
      summary.receipts += 1;
      summary.exported += applied.exported;
      summary.rejected += applied.rejected;
      // The packet on the drive has done its job; its receipt stays as the district's proof.
      // (unlink removes a link itself, never what it points to.)
      if (hasPackets) await rm(insideFolder(packetsDir, packet.file_name), { force: true });
    } catch (error) {
      summary.refused.push({
        file: name,
        reason: error instanceof SyncError ? error.reason : driveProblem(error, 'NOT_JSON'),
      });
    }
  }
  try {
    const bytes = await readDriveFile(insideFolder(folder, 'updates.json'), MAX_UPDATES_BYTES);
    const seed = deps.ports.keyStore.load('sync-encryption');
    // Sealed to this station's key (the hub writes nothing readable for anyone else).
    const bundle = seed
      ? openUpdates(seed, JSON.parse(bytes.toString('utf8')), deps.unit.unit_id, 'usb')
      : null;
    if (bundle === null)
      throw new SyncError('BAD_UPDATES', 'updates not sealed to this station', false);
    summary.updates = await applyUpdatesBundle(deps, target, bundle);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT')
      summary.refused.push({
        file: 'updates.json',
        reason: error instanceof SyncError ? error.reason : driveProblem(error, 'NOT_JSON'),
      });
  }
  return summary;
}
