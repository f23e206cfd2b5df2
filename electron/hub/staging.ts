import { rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { refusePacket } from '../../db/queries/hub-packets';
import { insideFolder } from '../protocol/drive-files';
import type { HubContext } from './context';

/** Where a packet's bytes wait until it is verified and stored (staging/<packet id>.lmp). */
export function stagingFile(hub: Pick<HubContext, 'dataDir'>, packetId: string): string {
  // Ids are UUIDs by the time they get here; the check stays next to the path it guards.
  return insideFolder(join(hub.dataDir, 'staging'), `${packetId}.lmp`);
}

export async function stagedBytes(hub: Pick<HubContext, 'dataDir'>, packetId: string) {
  try {
    return (await stat(stagingFile(hub, packetId))).size;
  } catch {
    return 0;
  }
}

/** Logs a refusal (metadata only) and forgets the packet, so nothing of it is stored. */
export async function refuseStaged(
  hub: HubContext,
  packetId: string,
  unitId: string | null,
  channel: 'http' | 'usb',
  reason: string,
  message: string,
): Promise<void> {
  await refusePacket(hub.db, {
    packet_id: packetId,
    unit_id: unitId,
    reason,
    message,
    channel,
    at: hub.at(),
  });
  rmSync(stagingFile(hub, packetId), { force: true });
}
