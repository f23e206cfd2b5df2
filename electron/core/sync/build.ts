import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database, OutboxRow } from '../../../db/schema';
import type { Kysely } from 'kysely';
import {
  applicationPhotoBytes,
  insertBuiltPacket,
  packetFileNames,
  recordingImages,
  unassignedOutbox,
} from '../../../db/queries/sync-packets';
import { outreachReportPdf } from '../../../db/queries/outreach-report';
import { attachmentSources } from '../../protocol/outbox';
import type { CoreDeps } from '../deps';
import { toSiakNames } from '../../protocol/siak-names';
import type { StationKeys } from './station-keys';
import { outgoingDir, type SyncPointHook } from './outgoing';
import { PacketWriter } from '../../protocol/packet/writer';
import { packetAuditAnchor } from '../audit/anchor';
import type { StationHealth } from '../../protocol/packet/format';
import { pendingWork } from '../../../db/queries/sync-status';
import { offlineGuard } from './status';

/** What one packet may hold at most; the next packet takes the rest. */
export interface PacketLimits {
  records: number;
  /** Attachment bytes; a single record's attachments always fit, even when larger. */
  attachmentBytes: number;
  /** Lines per records-NNNN.jsonl entry. */
  linesPerPart: number;
}

export { outgoingDir, type SyncPointHook } from './outgoing';

export const DEFAULT_LIMITS: PacketLimits = {
  records: 500,
  attachmentBytes: 64 * 1024 * 1024,
  linesPerPart: 1000,
};

export interface BuiltPacket {
  id: string;
  fileName: string;
  sha256: string;
  size: number;
  fromSeq: number;
  toSeq: number;
  recordCount: number;
  attachmentCount: number;
}

interface AttachmentRef {
  /** What it is to the record: the requirement code of a photo, 'portrait', 'signature'. */
  role: string;
  sha256: string;
  mime: 'image/jpeg' | 'image/png' | 'application/pdf';
  size: number;
  load(db: Kysely<Database>): Promise<Uint8Array | null>;
}

/**
 * Removes what a crash can leave in outgoing/: `.part` files (a build that never finished) and
 * packet files no sync_packets row knows (the build's transaction never committed). Their
 * outbox rows still have no packet, so the next build takes them again.
 */
export async function cleanOutgoing(deps: CoreDeps): Promise<string[]> {
  const dir = outgoingDir(deps);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const known = new Set(await packetFileNames(deps.db));
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.part') || (name.endsWith('.lmp') && !known.has(name))) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Attachments an outbox row refers to (protocol/outbox.ts), found by hash where they are kept. */
async function attachmentsOf(db: Kysely<Database>, row: OutboxRow): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  for (const source of attachmentSources(row.aggregate, row.payload)) {
    if (source.from === 'application-photo') {
      const { role, sha256, mime, size } = source;
      refs.push({
        role,
        sha256,
        mime,
        size,
        load: (d) => applicationPhotoBytes(d, row.aggregate_id, sha256),
      });
      continue;
    }
    if (source.from === 'outreach-report-pdf') {
      // A confirmed outreach report's A4 PDF (docs/outreach-report.md).
      const { sha256, size, mime, reportId } = source;
      refs.push({
        role: 'report-pdf',
        sha256,
        mime,
        size,
        load: (d) => outreachReportPdf(d, reportId),
      });
      continue;
    }
    const images = await recordingImages(db, row.aggregate_id);
    if (!images) continue;
    const portrait = Buffer.from(images.portrait_jpeg);
    const signature = Buffer.from(images.signature_png);
    refs.push(
      {
        role: 'portrait',
        sha256: images.portrait_sha256,
        mime: 'image/jpeg',
        size: portrait.length,
        load: async () => portrait,
      },
      {
        role: 'signature',
        sha256: createHash('sha256').update(signature).digest('hex'),
        mime: 'image/png',
        size: signature.length,
        load: async () => signature,
      },
    );
  }
  return refs;
}

const EXTENSION = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' } as const;

/**
 * Builds the next packet from outbox rows that belong to no packet yet, oldest first. The file is
 * complete on disk before one transaction records the packet and gives its rows their packet id;
 * a crash before that commit leaves rows unassigned and a file cleanOutgoing() removes.
 */
export async function buildNextPacket(
  deps: CoreDeps,
  keys: StationKeys,
  districtEncryptionKey: Uint8Array,
  limits: PacketLimits = DEFAULT_LIMITS,
  onPoint?: SyncPointHook,
): Promise<BuiltPacket | null> {
  const candidates = await unassignedOutbox(deps.db, limits.records);
  if (candidates.length === 0) return null;

  const rows: OutboxRow[] = [];
  const refsOf = new Map<number, AttachmentRef[]>();
  const attachments = new Map<string, AttachmentRef>();
  let attachmentBytes = 0;
  for (const row of candidates) {
    const all = await attachmentsOf(deps.db, row);
    const refs = all.filter((r) => !attachments.has(r.sha256));
    const bytes = refs.reduce((sum, r) => sum + r.size, 0);
    if (rows.length > 0 && attachmentBytes + bytes > limits.attachmentBytes) break;
    rows.push(row);
    refsOf.set(row.seq, all);
    attachmentBytes += bytes;
    for (const ref of refs) attachments.set(ref.sha256, ref);
  }

  const id = deps.ports.ids.uuid();
  const fileName = `${id}.lmp`;
  const dir = outgoingDir(deps);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await onPoint?.('packet-file');
  const writer = await PacketWriter.create(join(dir, fileName), {
    packetId: id,
    unitId: deps.unit.unit_id,
    createdAt: deps.ports.clock.now().toISOString(),
    signing: keys.signing,
    recipientPublicKey: districtEncryptionKey,
  });
  let written;
  try {
    for (let part = 0; part * limits.linesPerPart < rows.length; part += 1) {
      const lines = rows
        .slice(part * limits.linesPerPart, (part + 1) * limits.linesPerPart)
        .map((row) => `${JSON.stringify(recordLine(row, refsOf.get(row.seq) ?? []))}\n`)
        .join('');
      await writer.addEntry(
        `records-${String(part + 1).padStart(4, '0')}.jsonl`,
        Buffer.from(lines, 'utf8'),
      );
    }
    for (const ref of attachments.values()) {
      const bytes = await ref.load(deps.db);
      if (!bytes) throw new Error(`Attachment ${ref.sha256} vanished while building`);
      await writer.addEntry(`attachments/${ref.sha256}.${EXTENSION[ref.mime]}`, bytes);
    }
    const first = rows[0] as OutboxRow;
    const last = rows[rows.length - 1] as OutboxRow;
    // The audit head goes into the signed manifest (finding 1.8; docs/sync-packets.md).
    const audit = await packetAuditAnchor(deps.db);
    const health = await stationHealth(deps);
    await onPoint?.('packet-finish');
    written = await writer.finish(
      { fromSeq: first.seq, toSeq: last.seq, count: rows.length },
      audit,
      health,
    );
  } catch (error) {
    await writer.abort();
    throw error;
  }

  const built: BuiltPacket = {
    id,
    fileName,
    sha256: written.sha256,
    size: written.size,
    fromSeq: written.manifest.outbox.fromSeq,
    toSeq: written.manifest.outbox.toSeq,
    recordCount: rows.length,
    attachmentCount: attachments.size,
  };
  try {
    await onPoint?.('packet-commit');
    await deps.db.transaction().execute(async (trx) => {
      const at = deps.ports.clock.now().toISOString();
      const assigned = await insertBuiltPacket(
        trx,
        {
          id,
          from_seq: built.fromSeq,
          to_seq: built.toSeq,
          record_count: built.recordCount,
          attachment_count: built.attachmentCount,
          file_name: fileName,
          sha256: built.sha256,
          size: built.size,
          state: 'ready',
          built_at: at,
          next_attempt_at: null,
          last_error: null,
          usb_exported_at: null,
          receipt: null,
          receipted_at: null,
          audit_seq: written.manifest.audit?.head.seq ?? null,
          audit_hash: written.manifest.audit?.head.hash ?? null,
        },
        rows.map((r) => r.seq),
      );
      // Another build took some of these rows in the meantime: this packet must not exist.
      if (assigned !== rows.length) throw new Error('Outbox rows were assigned by another build');
    });
  } catch (error) {
    rmSync(join(dir, fileName), { force: true });
    throw error;
  }
  return built;
}

/**
 * How the station stands as it builds a packet, for the district's station list (the manifest's
 * optional `health`, docs/sync-packets.md): version, backlog, oldest unsynced work, offline
 * guard, free disk and the station's clock.
 */
export async function stationHealth(deps: CoreDeps): Promise<StationHealth> {
  const pending = await pendingWork(deps.db);
  const guard = await offlineGuard(deps);
  return {
    softwareVersion: (deps.versions.app ?? 'unknown').slice(0, 64),
    backlogRecords: pending.records,
    oldestUnsyncedAt: pending.oldestAt,
    guard: { level: guard.level, reasons: [...guard.reasons] },
    freeBytes: guard.freeBytes,
    stationTime: deps.ports.clock.now().toISOString(),
  };
}

/** One JSON Lines record (docs/sync-packets.md, "Records"). */
export function recordLine(
  row: OutboxRow,
  refs: readonly Pick<AttachmentRef, 'role' | 'sha256' | 'mime'>[] = [],
): Record<string, unknown> {
  return {
    seq: row.seq,
    id: row.id,
    aggregate: row.aggregate,
    aggregateId: row.aggregate_id,
    op: row.op,
    at: row.created_at,
    data: toSiakNames(JSON.parse(row.payload)),
    attachments: refs.map((r) => ({
      role: r.role,
      sha256: r.sha256,
      entry: `attachments/${r.sha256}.${EXTENSION[r.mime]}`,
    })),
  };
}
