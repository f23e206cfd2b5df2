import {
  buildNextPacket,
  DEFAULT_LIMITS,
  outgoingDir,
  type BuiltPacket,
  type PacketLimits,
} from '../../electron/core/sync/build';
import { stationKeys } from '../../electron/core/sync/station-keys';
import { cpuSecondsSince, msSince } from '../lib/stats';
import { openBenchStation } from './station';

/**
 * Phase "packets": the station's own packet builder, `buildNextPacket` with its DEFAULT_LIMITS,
 * called until it returns null, as a sync pass does (electron/core/sync/run.ts). Each call
 * selects unassigned outbox rows, streams records and photos through the PacketWriter (sha-256,
 * AES-256-GCM in 64 KiB chunks, Ed25519-signed manifest, fsync, rename) and commits the packet's
 * row. Timed from the first call to the null; opening the station is not.
 */
export interface PacketsJob {
  dataDir: string;
  /** The district's X25519 public key, base64 of 32 raw bytes. */
  districtPublicKey: string;
}

export interface PacketsResult {
  packets: Array<BuiltPacket & { ms: number }>;
  outgoingDir: string;
  limits: PacketLimits;
  unitId: string;
  /** The station's Ed25519 public key, base64 (what the district enrolled). */
  signingPublicKey: string;
  /** Outbox rows without a packet before the loop. */
  pendingBefore: number;
  records: number;
  attachments: number;
  /** Bytes of packet files written. */
  bytes: number;
  seconds: number;
  cpuSeconds: number;
}

export async function packetsPhase(job: PacketsJob): Promise<PacketsResult> {
  const station = await openBenchStation(job.dataDir);
  try {
    const { deps } = station;
    const keys = stationKeys(deps.ports.keyStore);
    const districtKey = Buffer.from(job.districtPublicKey, 'base64');
    const pendingBefore = deps.sqlite
      .prepare('select count(*) from outbox where packet_id is null and exported_at is null')
      .pluck()
      .get() as number;
    const packets: PacketsResult['packets'] = [];
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (;;) {
      const packetStarted = process.hrtime.bigint();
      const built = await buildNextPacket(deps, keys, districtKey);
      if (!built) break;
      packets.push({ ...built, ms: msSince(packetStarted) });
    }
    const seconds = msSince(started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu);
    return {
      packets,
      outgoingDir: outgoingDir(deps),
      limits: DEFAULT_LIMITS,
      unitId: deps.unit.unit_id,
      signingPublicKey: keys.signing.publicRaw.toString('base64'),
      pendingBefore,
      records: packets.reduce((sum, p) => sum + p.recordCount, 0),
      attachments: packets.reduce((sum, p) => sum + p.attachmentCount, 0),
      bytes: packets.reduce((sum, p) => sum + p.size, 0),
      seconds,
      cpuSeconds,
    };
  } finally {
    await station.close();
  }
}
