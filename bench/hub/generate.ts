import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboxRow } from '../../db/schema';
import { jakartaDay } from '../../electron/core/common/jakarta';
import { syntheticFamilies, type SyntheticFamily } from '../../electron/core/demo/synthetic';
import { seeded } from '../../electron/core/seeded-random';
import { DEFAULT_LIMITS, recordLine } from '../../electron/core/sync/build';
import { stationKeys, type StationKeys } from '../../electron/core/sync/station-keys';
import { signDocument } from '../../electron/protocol/canonical';
import { ENROLMENT_REQUEST, type EnrolmentRequest } from '../../electron/protocol/documents';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import type { ManifestAudit } from '../../electron/protocol/packet/format';
import { keyPairFromSeed } from '../../electron/protocol/packet/keys';
import { PacketWriter } from '../../electron/protocol/packet/writer';
import { cpuSecondsSince, msSince } from '../lib/stats';
import {
  applicationRecord,
  loadTexts,
  okiVillages,
  photoBytes,
  photoFile,
  type PhotoFile,
  type StationUnit,
} from './payload';

/**
 * Generate (timed on its own, in no ratio): for each simulated station its own Ed25519/X25519
 * keys (stationKeys over a key folder of its own, as the station server keeps them), its signed
 * enrolment request (what enrolmentRequest() writes), and its packets, written with the real
 * PacketWriter for the hub's X25519 key in exactly the layout buildNextPacket writes:
 * `records-0001.jsonl` of recordLine() lines (SIAK names), then `attachments/<sha256>.jpg`, then
 * the signed manifest with an audit anchor and the station's health. The same files go to every
 * database's hub, so the hub key folder is made here once and reused by every run.
 */
export interface GenerateJob {
  workDir: string;
  hubKeysDir: string;
  stations: number;
  applications: number;
  photosPerApplication: number;
  photoBytesMin: number;
  photoBytesMax: number;
  packetApplications: number;
  /** The first `retries` stations also get a rebuilt packet carrying their first packet's records. */
  retries: number;
  seed: number;
}

export interface PacketPlan {
  id: string;
  file: string;
  sha256: string;
  size: number;
  /** Outbox ids of its records, in order (what the receipt must accept). */
  recordIds: string[];
  attachments: number;
  /** new: the station's next packet; rebuilt: a discarded packet's records again, a new id. */
  kind: 'new' | 'rebuilt';
}

export interface StationPlan {
  unitId: string;
  name: string;
  regionCode: string;
  keysDir: string;
  request: EnrolmentRequest;
  packets: PacketPlan[];
}

/** Everything the upload and check phases need (plan.json in the work folder). */
export interface Plan {
  /** The hub's X25519 public key the packets are encrypted to (base64). */
  hubEncryptionKey: string;
  stations: StationPlan[];
  /** Every record sent, once: outbox id and its unit. */
  records: { id: string; unitId: string }[];
  /** Every photo sent, once. */
  attachments: { sha256: string; size: number }[];
}

export interface GenerateResult {
  planFile: string;
  stations: number;
  applications: number;
  photos: number;
  photoBytes: number;
  /** The stations' packets (not the rebuilt ones). */
  packets: number;
  packetBytes: number;
  rebuiltPackets: number;
  rebuiltBytes: number;
  /** Bytes of the records-NNNN.jsonl entries (plaintext). */
  recordBytes: number;
  seconds: number;
  cpuSeconds: number;
}

const STEP_MS = 5 * 60 * 1000;

interface PendingApplication {
  row: OutboxRow;
  photos: PhotoFile[];
}

/** A station's audit chain as far as packets see it: its head moves on one entry per submit. */
interface AuditState {
  seq: number;
  previous: { packetId: string; seq: number; hash: string } | null;
}

const auditHash = (unitId: string, seq: number) =>
  createHash('sha256').update(`${unitId}:${seq}`).digest('hex');

export async function generatePhase(job: GenerateJob): Promise<GenerateResult> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const random = seeded(job.seed);
  const texts = loadTexts();
  const hubKeys = new FileKeyStore(job.hubKeysDir);
  const hubEncryption = keyPairFromSeed('x25519', hubKeys.loadOrCreate('hub-encryption'));
  hubKeys.loadOrCreate('hub-signing');
  const packetsDir = join(job.workDir, 'packets');
  mkdirSync(packetsDir, { recursive: true });

  // Each station sits in a village of its own (drawn with the seed; more stations than
  // villages share them), and its applicants are families of that village.
  const all = okiVillages();
  const order = all.map((v) => ({ v, key: random() })).sort((a, b) => a.key - b.key);
  const units: StationUnit[] = Array.from({ length: job.stations }, (_, i) => {
    const village = (order[i % order.length] as { v: (typeof all)[number] }).v;
    return { unitId: randomUUID(), village, name: `Kios Layanan Desa ${village.name} ${i + 1}` };
  });
  const today = jakartaDay(new Date());
  const families = syntheticFamilies({
    seed: job.seed,
    villageCodes: [...new Set(units.map((u) => u.village.code))],
    residents: Number.MAX_SAFE_INTEGER,
    today,
  });
  const waiting = new Map<string, SyntheticFamily[]>();
  const familyIn = (villageCode: string): SyntheticFamily => {
    for (;;) {
      const queued = waiting.get(villageCode)?.shift();
      if (queued) return queued;
      const next = families.next().value;
      if (!next) throw new Error('The synthetic families ran out');
      waiting.set(next.villageCode, [...(waiting.get(next.villageCode) ?? []), next]);
    }
  };

  const plan: Plan = {
    hubEncryptionKey: hubEncryption.publicRaw.toString('base64'),
    stations: [],
    records: [],
    attachments: [],
  };
  const totals = {
    photos: 0,
    photoBytes: 0,
    packets: 0,
    packetBytes: 0,
    rebuiltPackets: 0,
    rebuiltBytes: 0,
    recordBytes: 0,
  };

  for (const [index, unit] of units.entries()) {
    const keysDir = join(job.workDir, 'stations', `station-${index + 1}`, 'keys');
    const keys = stationKeys(new FileKeyStore(keysDir));
    const count =
      Math.floor(job.applications / job.stations) +
      (index < job.applications % job.stations ? 1 : 0);
    // The station's clock: its applications 5 minutes apart, the last one an hour ago.
    let clock = Date.now() - (count + 12) * STEP_MS;
    const daily = new Map<string, number>();
    const request: EnrolmentRequest = signDocument(keys.signing.privateKey, {
      format: ENROLMENT_REQUEST,
      version: 1 as const,
      unitId: unit.unitId,
      unitCode: unit.village.code,
      unitName: unit.name,
      regionCode: unit.village.code,
      signingPublicKey: keys.signing.publicRaw.toString('base64'),
      encryptionPublicKey: keys.encryption.publicRaw.toString('base64'),
      createdAt: new Date(clock - STEP_MS).toISOString(),
    });
    const station: StationPlan = {
      unitId: unit.unitId,
      name: unit.name,
      regionCode: unit.village.code,
      keysDir,
      request,
      packets: [],
    };
    plan.stations.push(station);
    const audit: AuditState = { seq: 20 + Math.floor(random() * 100), previous: null };
    let seq = 1;
    let pending: PendingApplication[] = [];
    let pendingBytes = 0;
    let first: PendingApplication[] | null = null;
    // Records in the station's packets so far: the backlog a manifest reports is the rest.
    let flushed = 0;

    const flush = async (kind: 'new' | 'rebuilt', apps: PendingApplication[]) => {
      clock += 60_000;
      const packet = await writePacket({
        dir: packetsDir,
        unit,
        keys,
        recipient: hubEncryption.publicRaw,
        createdAt: new Date(clock).toISOString(),
        applications: apps,
        audit,
        backlog: kind === 'new' ? count - flushed : apps.length,
        kind,
      });
      station.packets.push(packet.plan);
      totals.recordBytes += packet.recordBytes;
      if (kind === 'new') {
        flushed += apps.length;
        totals.packets += 1;
        totals.packetBytes += packet.plan.size;
      } else {
        totals.rebuiltPackets += 1;
        totals.rebuiltBytes += packet.plan.size;
      }
    };

    for (let i = 0; i < count; i += 1) {
      const at = new Date(clock);
      const day = jakartaDay(at);
      const sequence = (daily.get(day) ?? 0) + 1;
      daily.set(day, sequence);
      const photos: PhotoFile[] = [];
      for (let p = 0; p < job.photosPerApplication; p += 1) {
        const size =
          job.photoBytesMin + Math.floor(random() * (job.photoBytesMax - job.photoBytesMin + 1));
        photos.push(photoFile(p, photoBytes(randomBytes(size))));
      }
      const applicationId = randomUUID();
      const payload = applicationRecord({
        texts,
        unit,
        applicationId,
        sequence,
        day,
        at: at.toISOString(),
        family: familyIn(unit.village.code),
        photos,
        change: Math.floor(random() * 5),
        phone: `08${String(Math.floor(random() * 1e10)).padStart(10, '0')}`,
      });
      const row: OutboxRow = {
        seq,
        id: randomUUID(),
        aggregate: 'application',
        aggregate_id: applicationId,
        op: 'upsert',
        payload: JSON.stringify(payload),
        created_at: at.toISOString(),
        exported_at: null,
        packet_id: null,
      };
      seq += 1;
      audit.seq += 1;
      clock += STEP_MS;
      plan.records.push({ id: row.id, unitId: unit.unitId });
      for (const photo of photos) {
        plan.attachments.push({ sha256: photo.sha256, size: photo.bytes.length });
        totals.photos += 1;
        totals.photoBytes += photo.bytes.length;
      }
      const bytes = photos.reduce((sum, p) => sum + p.bytes.length, 0);
      // buildNextPacket's rule: a packet closes before its attachments would pass the limit.
      if (pending.length > 0 && pendingBytes + bytes > DEFAULT_LIMITS.attachmentBytes) {
        await flush('new', pending);
        first ??= pending;
        pending = [];
        pendingBytes = 0;
      }
      pending.push({ row, photos });
      pendingBytes += bytes;
      if (pending.length >= job.packetApplications || i === count - 1) {
        await flush('new', pending);
        first ??= pending;
        pending = [];
        pendingBytes = 0;
      }
    }
    // A packet discarded at the station and rebuilt: its records again, under a new packet id
    // (the station's audit chain notes the discard), after everything else it sent.
    if (index < job.retries && first) {
      audit.seq += 1;
      await flush('rebuilt', first);
    }
  }
  const planFile = join(job.workDir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  return {
    planFile,
    stations: job.stations,
    applications: plan.records.length,
    ...totals,
    seconds: msSince(started) / 1000,
    cpuSeconds: cpuSecondsSince(cpu),
  };
}

/** One packet as buildNextPacket writes it (electron/core/sync/build.ts). */
async function writePacket(options: {
  dir: string;
  unit: StationUnit;
  keys: StationKeys;
  recipient: Buffer;
  createdAt: string;
  applications: PendingApplication[];
  audit: AuditState;
  backlog: number;
  kind: 'new' | 'rebuilt';
}): Promise<{ plan: PacketPlan; recordBytes: number }> {
  const { unit, applications: apps, audit } = options;
  const id = randomUUID();
  const file = join(options.dir, `${id}.lmp`);
  const writer = await PacketWriter.create(file, {
    packetId: id,
    unitId: unit.unitId,
    createdAt: options.createdAt,
    signing: options.keys.signing,
    recipientPublicKey: options.recipient,
  });
  const lines = apps
    .map(
      ({ row, photos }) =>
        `${JSON.stringify(
          recordLine(
            row,
            photos.map((p) => ({
              role: p.requirementCode,
              sha256: p.sha256,
              mime: 'image/jpeg' as const,
            })),
          ),
        )}\n`,
    )
    .join('');
  const records = Buffer.from(lines, 'utf8');
  // DEFAULT_LIMITS.linesPerPart (1000) is above DEFAULT_LIMITS.records: one part per packet.
  await writer.addEntry('records-0001.jsonl', records);
  let attachments = 0;
  const seen = new Set<string>();
  for (const { photos } of apps)
    for (const photo of photos) {
      if (seen.has(photo.sha256)) continue;
      seen.add(photo.sha256);
      await writer.addEntry(`attachments/${photo.sha256}.jpg`, photo.bytes);
      attachments += 1;
    }
  const head = { seq: audit.seq, hash: auditHash(unit.unitId, audit.seq) };
  const anchor: ManifestAudit = { head, isIntact: true, previous: audit.previous };
  const firstRow = (apps[0] as PendingApplication).row;
  const lastRow = (apps[apps.length - 1] as PendingApplication).row;
  const written = await writer.finish(
    { fromSeq: firstRow.seq, toSeq: lastRow.seq, count: apps.length },
    anchor,
    {
      softwareVersion: 'bench',
      backlogRecords: options.backlog,
      oldestUnsyncedAt: firstRow.created_at,
      guard: { level: 'ok', reasons: [] },
      freeBytes: 40_000_000_000,
      stationTime: options.createdAt,
    },
  );
  audit.previous = { packetId: id, seq: head.seq, hash: head.hash };
  return {
    plan: {
      id,
      file,
      sha256: written.sha256,
      size: written.size,
      recordIds: apps.map((a) => a.row.id),
      attachments,
      kind: options.kind,
    },
    recordBytes: records.length,
  };
}
