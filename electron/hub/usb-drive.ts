import { join } from 'node:path';
import { lastUsbCursor, saveUsbCursor } from '../../db/queries/hub-stations';
import {
  DRIVE_ROOT,
  DriveError,
  driveProblem,
  ensureDriveFolder,
  insideFolder,
  isDriveFolder,
  isUuid,
  listDriveFolder,
  readDriveFile,
  writeDriveFile,
} from '../protocol/drive-files';
import { checkUsbCursor, MAX_CURSOR_BYTES } from '../protocol/usb-cursor';
import { refuse, type HubContext } from './context';
import { activeStationKey } from './enrolment';
import { sealedUpdatesFor } from './updates';
import { importPacketFile } from './usb-import';

export interface DriveImport {
  unitId: string;
  file: string;
  ok: boolean;
  isDuplicate: boolean;
  reason: string | null;
}

/** What happened to one unit folder on a drive: updates written, or why not. */
export interface DriveUnit {
  unitId: string;
  updates: boolean;
  /** null when the updates were written; else a DriveProblem, NOT_PROVEN, UNKNOWN_STATION, ... */
  reason: string | null;
}

export interface DriveReport {
  packets: DriveImport[];
  units: DriveUnit[];
}

function unitRefused(name: string, error: unknown): DriveUnit {
  return {
    unitId: name,
    updates: false,
    reason: driveProblem(error, 'UNREADABLE'),
  };
}

/**
 * The layout of one unit folder, checked before anything in it is read or written: nothing but
 * regular files and folders, two levels deep (packets/, receipts/); a link, FIFO, device or
 * socket anywhere refuses the folder.
 */
async function checkUnitLayout(folder: string): Promise<void> {
  for (const entry of await listDriveFolder(folder)) {
    const path = insideFolder(folder, entry.name);
    if (entry.kind === 'link') throw new DriveError('DRIVE_LINK', `${path} is a link`);
    if (entry.kind === 'special') throw new DriveError('DRIVE_NOT_FILE', `${path} is not a file`);
    if ((entry.name === 'packets' || entry.name === 'receipts') && entry.kind !== 'folder')
      throw new DriveError('DRIVE_NOT_FOLDER', `${path} is not a folder`);
    if (entry.kind !== 'folder') continue;
    for (const inner of await listDriveFolder(path)) {
      const innerPath = insideFolder(path, inner.name);
      if (inner.kind === 'link') throw new DriveError('DRIVE_LINK', `${innerPath} is a link`);
      if (inner.kind === 'special')
        throw new DriveError('DRIVE_NOT_FILE', `${innerPath} is not a file`);
    }
  }
}

/**
 * Imports every station folder on a drive (docs/sync-protocol.md, "USB"): each packet, then a
 * signed receipt file next to it, and the station's updates, sealed to it, from its cursor.
 * A folder whose layout holds a link, FIFO, device or socket anywhere is refused whole before
 * anything in it is read or written; updates are written only for a station that proved
 * itself on this drive (a packet signed by it, or its signed, fresh cursor file).
 */
export async function importDriveReport(hub: HubContext, drive: string): Promise<DriveReport> {
  const report: DriveReport = { packets: [], units: [] };
  const root = join(drive, DRIVE_ROOT);
  try {
    if (!(await isDriveFolder(root))) return report;
  } catch (error) {
    report.units.push(unitRefused(DRIVE_ROOT, error));
    return report;
  }
  for (const entry of await listDriveFolder(root)) {
    // A stray file next to the unit folders (a desktop's metadata) is left alone.
    if (entry.kind === 'file') continue;
    if (!isUuid(entry.name)) {
      report.units.push(unitRefused(entry.name, new DriveError('BAD_NAME', 'not a unit id')));
      continue;
    }
    if (entry.kind !== 'folder') {
      report.units.push(
        unitRefused(entry.name, new DriveError('DRIVE_LINK', `${entry.kind} in the layout`)),
      );
      continue;
    }
    try {
      report.units.push(
        await importUnitFolder(hub, insideFolder(root, entry.name), entry.name, report.packets),
      );
    } catch (error) {
      if (!(error instanceof DriveError)) throw error;
      report.units.push(unitRefused(entry.name, error));
    }
  }
  return report;
}

async function importUnitFolder(
  hub: HubContext,
  folder: string,
  unitId: string,
  packets: DriveImport[],
): Promise<DriveUnit> {
  await checkUnitLayout(folder);
  const packetsDir = insideFolder(folder, 'packets');
  const receiptsDir = insideFolder(folder, 'receipts');
  let isProven = false;
  const names = (await isDriveFolder(packetsDir))
    ? (await listDriveFolder(packetsDir))
        .filter((e) => e.kind === 'file' && e.name.endsWith('.lmp'))
        .map((e) => e.name)
    : [];
  for (const name of names) {
    const packetId = name.slice(0, -'.lmp'.length);
    const result = isUuid(packetId)
      ? await importPacketFile(hub, insideFolder(packetsDir, name), { unitId, packetId })
      : refuse(422, 'BAD_NAME', 'a packet file is named <packet id>.lmp');
    if (result.ok) {
      isProven = true;
      await ensureDriveFolder(receiptsDir);
      await writeDriveFile(
        receiptsDir,
        `${packetId}.json`,
        Buffer.from(JSON.stringify(result.receipt)),
      );
    }
    packets.push({
      unitId,
      file: name,
      ok: result.ok,
      isDuplicate: result.ok && result.isDuplicate,
      reason: result.ok ? null : result.reason,
    });
  }

  const stationKey = await activeStationKey(hub.db, unitId);
  if (!stationKey) return { unitId, updates: false, reason: 'UNKNOWN_STATION' };
  const cursor = await driveCursor(hub, folder, unitId, stationKey);
  if (!cursor.ok && !isProven)
    return { unitId, updates: false, reason: cursor.reason ?? 'NOT_PROVEN' };
  const box = await sealedUpdatesFor(hub, unitId, cursor.ok ? cursor.after : 0, 'usb');
  if (!box) return { unitId, updates: false, reason: 'UNKNOWN_STATION' };
  await writeDriveFile(folder, 'updates.json', Buffer.from(JSON.stringify(box)));
  return { unitId, updates: true, reason: null };
}

/**
 * The station's signed cursor file: fresh, signed by the station, and not older than the last
 * one accepted from it (a copied old file proves nothing). Remembered when accepted.
 */
async function driveCursor(
  hub: HubContext,
  folder: string,
  unitId: string,
  stationKey: Buffer,
): Promise<{ ok: true; after: number } | { ok: false; reason: string | null }> {
  const path = insideFolder(folder, 'cursor.json');
  let value: unknown;
  try {
    value = JSON.parse((await readDriveFile(path, MAX_CURSOR_BYTES)).toString('utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: null };
    return { ok: false, reason: driveProblem(error, 'BAD_CURSOR') };
  }
  const checked = checkUsbCursor(value, unitId, stationKey, hub.now());
  if (!checked.ok) return { ok: false, reason: checked.reason };
  const { cursor } = checked;
  const last = await lastUsbCursor(hub.db, unitId);
  if (
    last &&
    (cursor.writtenAt < last.written_at ||
      (cursor.writtenAt === last.written_at && cursor.nonce !== last.nonce))
  )
    return { ok: false, reason: 'CURSOR_REPLAYED' };
  await saveUsbCursor(hub.db, {
    unit_id: unitId,
    written_at: cursor.writtenAt,
    nonce: cursor.nonce,
    seen_at: hub.at(),
  });
  return { ok: true, after: cursor.after };
}
