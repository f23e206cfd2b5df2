import { copyFile, mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoreDeps } from '../deps';
import {
  buildNextPacket,
  cleanOutgoing,
  DEFAULT_LIMITS,
  outgoingDir,
  type PacketLimits,
} from './build';
import { applyUpdatesBundle, updatesCursor, type PullSummary } from './pull';
import type { StationKeys } from './station-keys';
import { applyReceipt, checkReceipt, SyncError, type SyncTarget } from './upload';

/**
 * Sync by USB drive (docs/sync-protocol.md, "USB"): the same packet files, in a fixed layout the
 * hub's `import` command reads; the hub writes receipts and an updates bundle next to them.
 *
 *   <drive>/lakon-mandira/<unitId>/packets/<packetId>.lmp
 *   <drive>/lakon-mandira/<unitId>/receipts/<packetId>.json
 *   <drive>/lakon-mandira/<unitId>/updates.json
 *   <drive>/lakon-mandira/<unitId>/cursor.json     (the station's updates cursor, for the hub)
 */
export function driveFolder(drive: string, unitId: string): string {
  return join(drive, 'lakon-mandira', unitId);
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
  const folder = join(driveFolder(drive, deps.unit.unit_id), 'packets');
  await mkdir(folder, { recursive: true });
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
  const ready = await deps.db
    .selectFrom('sync_packets')
    .selectAll()
    .where('state', '=', 'ready')
    .orderBy('from_seq')
    .execute();
  const total = ready.reduce((sum, p) => sum + p.size, 0);
  let bytes = 0;
  for (const packet of ready) {
    const destination = join(folder, packet.file_name);
    // .part, flushed, then renamed: a drive pulled out mid-copy never holds a half packet.
    await copyFile(join(outgoingDir(deps), packet.file_name), `${destination}.part`);
    const handle = await open(`${destination}.part`, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(`${destination}.part`, destination);
    bytes += packet.size;
    await deps.db
      .updateTable('sync_packets')
      .set({ usb_exported_at: deps.ports.clock.now().toISOString() })
      .where('id', '=', packet.id)
      .execute();
    options.onProgress?.(bytes, total);
  }
  // Where the district's updates should start for this station (the hub reads it on import).
  await writeFile(
    join(driveFolder(drive, deps.unit.unit_id), 'cursor.json'),
    JSON.stringify({ after: await updatesCursor(deps) }),
  );
  return { built, written: ready.length, bytes };
}

export interface UsbImportSummary {
  receipts: number;
  exported: number;
  rejected: number;
  refused: { file: string; reason: string }[];
  updates: PullSummary | null;
}

/** Reads the district's receipts and updates from the drive; a bad file is named, not applied. */
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
  let names: string[] = [];
  try {
    names = (await readdir(join(folder, 'receipts'))).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  for (const name of names) {
    const packetId = name.slice(0, -'.json'.length);
    const packet = await deps.db
      .selectFrom('sync_packets')
      .selectAll()
      .where('id', '=', packetId)
      .executeTakeFirst();
    if (!packet) {
      summary.refused.push({ file: name, reason: 'UNKNOWN_PACKET' });
      continue;
    }
    try {
      const receipt = checkReceipt(
        target,
        packet,
        JSON.parse(await readFile(join(folder, 'receipts', name), 'utf8')),
      );
      const applied = await applyReceipt(deps.db, packet, receipt);
      summary.receipts += 1;
      summary.exported += applied.exported;
      summary.rejected += applied.rejected;
      // The packet on the drive has done its job; its receipt stays as the district's proof.
      await rm(join(folder, 'packets', packet.file_name), { force: true });
    } catch (error) {
      summary.refused.push({
        file: name,
        reason: error instanceof SyncError ? error.reason : 'NOT_JSON',
      });
    }
  }
  try {
    const bundle = JSON.parse(await readFile(join(folder, 'updates.json'), 'utf8')) as unknown;
    summary.updates = await applyUpdatesBundle(deps, target, bundle);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT')
      summary.refused.push({
        file: 'updates.json',
        reason: error instanceof SyncError ? error.reason : 'NOT_JSON',
      });
  }
  return summary;
}
