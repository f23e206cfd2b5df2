import { rmSync } from 'node:fs';
import {
  countReadyPackets,
  discardReadyPacket,
  readyPackets,
  type SyncPacketRow,
} from '../../../db/queries/sync-packets';
import { join } from 'node:path';
import { crashPoint } from '../../../db/crash-point';
import type { CoreDeps } from '../deps';
import {
  buildNextPacket,
  cleanOutgoing,
  DEFAULT_LIMITS,
  outgoingDir,
  type PacketLimits,
  type SyncPointHook,
} from './build';
import type { StationKeys } from './station-keys';
import {
  applyReceipt,
  DEFAULT_BACKOFF,
  DEFAULT_UPLOAD,
  recordFailure,
  SyncError,
  uploadPacket,
  type Backoff,
  type SyncTarget,
  type UploadOptions,
} from './upload';

export interface SyncRunOptions {
  limits: PacketLimits;
  upload: UploadOptions;
  backoff: Backoff;
  /** Try packets whose retry time has not come yet (an officer pressed "Kirim sekarang"). */
  isForced: boolean;
  /** Announced before each write of the pass (crash tests stop or kill the process there). */
  onPoint?: SyncPointHook | undefined;
}

export interface SyncRunSummary {
  built: number;
  receipted: number;
  exported: number;
  rejected: number;
  failed: { packetId: string; reason: string; message: string }[];
  pendingPackets: number;
}

/** Refusals that mean the bytes were damaged: the packet is rebuilt from the outbox. */
const REBUILD_REASONS = new Set([
  'HASH_MISMATCH',
  'DECRYPT_FAILED',
  'TRUNCATED',
  'BAD_STRUCTURE',
  'FILE_CHANGED',
]);

/**
 * One sync pass: clean what a crash left, build packets for every unassigned outbox row, then
 * upload each packet that is due, in outbox order. Each step is safe to interrupt anywhere: the
 * next pass starts from what the database and the hub say, never from memory.
 */
export async function syncRun(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  partial: Partial<SyncRunOptions> = {},
): Promise<SyncRunSummary> {
  const options: SyncRunOptions = {
    limits: DEFAULT_LIMITS,
    upload: DEFAULT_UPLOAD,
    backoff: DEFAULT_BACKOFF,
    isForced: false,
    ...partial,
  };
  const summary: SyncRunSummary = {
    built: 0,
    receipted: 0,
    exported: 0,
    rejected: 0,
    failed: [],
    pendingPackets: 0,
  };
  // The crash harness's points (off by default) when the caller brings none.
  const onPoint = options.onPoint ?? crashPoint;
  await cleanOutgoing(deps);
  while (await buildNextPacket(deps, keys, target.districtEncryptionKey, options.limits, onPoint))
    summary.built += 1;

  const now = deps.ports.clock.now().toISOString();
  const ready = await readyPackets(deps.db);
  for (const packet of ready) {
    if (!options.isForced && packet.next_attempt_at && packet.next_attempt_at > now) continue;
    try {
      const receipt = await uploadPacket(deps, keys, target, packet, {
        ...options.upload,
        onPoint: options.upload.onPoint ?? onPoint,
      });
      await onPoint?.('receipt-apply');
      const applied = await applyReceipt(deps.db, packet, receipt);
      summary.receipted += 1;
      summary.exported += applied.exported;
      summary.rejected += applied.rejected;
    } catch (error) {
      if (!(error instanceof SyncError)) throw error;
      summary.failed.push({ packetId: packet.id, reason: error.reason, message: error.message });
      if (REBUILD_REASONS.has(error.reason)) await discardPacket(deps, packet);
      else await recordFailure(deps, packet, error, options.backoff);
    }
  }
  summary.pendingPackets = await countReadyPackets(deps.db);
  return summary;
}

/** Gives a damaged packet's rows back to the outbox (they go into the next packet). */
export async function discardPacket(deps: CoreDeps, packet: SyncPacketRow): Promise<void> {
  await discardReadyPacket(deps.db, packet.id);
  rmSync(join(outgoingDir(deps), packet.file_name), { force: true });
}
