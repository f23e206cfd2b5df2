import { createHash } from 'node:crypto';

/**
 * The packet file format, version 1 (docs/sync-packets.md is the specification; keep both in
 * step). Everything here is pure: byte layouts, limits and the errors a reader reports.
 */

export const MAGIC = Buffer.from('LMPACKET', 'ascii');
export const FORMAT_VERSION = 1;
/** Plaintext bytes per encrypted chunk unless the writer says otherwise. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MAX_CHUNK_SIZE = 1024 * 1024;
export const MAX_HEADER_BYTES = 4096;
export const TAG_BYTES = 16;
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'manifest.sig';
/** Entry names: lower-case letters, digits and . _ - /, no "..", at most 200 bytes. */
export const ENTRY_NAME = /^(?!.*\.\.)[a-z0-9][a-z0-9._/-]{0,199}$/;
export const MANIFEST_FORMAT = 'lakon-mandira-packet';
/**
 * Packet ids and unit ids: lower-case UUIDs (stations make them with uuidv7). Both become file
 * and folder names at the hub and on a drive, so nothing else is accepted where they are parsed.
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
/**
 * Manifest schema 2 adds the audit anchor (`audit`); a reader takes 1 (before anchoring, no
 * `audit`) and 2 (`audit` required). The writer writes 2 whenever it is given the anchor.
 */
export const SCHEMA_VERSION = 2;
export const SCHEMA_VERSION_WITHOUT_AUDIT = 1;

/** The plaintext header: readable before decryption, authenticated by every chunk's AAD. */
export interface PacketHeader {
  packetId: string;
  unitId: string;
  createdAt: string;
  /** keyId() of the district X25519 key the packet is encrypted to. */
  recipientKeyId: string;
  /** The packet's ephemeral X25519 public key, base64 (32 bytes). */
  ephemeralPublicKey: string;
  /** HKDF salt, base64 (32 bytes). */
  salt: string;
  chunkSize: number;
}

export interface ManifestEntry {
  name: string;
  sha256: string;
  size: number;
}

export interface PacketManifest {
  format: typeof MANIFEST_FORMAT;
  schemaVersion: number;
  packetId: string;
  unitId: string;
  createdAt: string;
  /** The outbox rows carried: their sequence range and number. */
  outbox: { fromSeq: number; toSeq: number; count: number };
  signer: { keyId: string; publicKey: string };
  /** Every entry before the manifest, in file order. */
  entries: ManifestEntry[];
  /** Schema 2: the station's audit head when the packet was built (docs/sync-packets.md). */
  audit?: ManifestAudit | undefined;
  /**
   * Optional in every schema: how the station stood when it built the packet (issue 15, the
   * district's station list). Advisory: a reader never refuses a packet for it; readHealth()
   * keeps only the well-formed fields.
   */
  health?: StationHealth | undefined;
}

/** The offline guard's level and reasons as the station computed them (contract OfflineGuard). */
export const GUARD_LEVELS = ['ok', 'warn', 'block'] as const;
export type GuardLevel = (typeof GUARD_LEVELS)[number];

/**
 * A station's health when it built a packet (docs/sync-packets.md, "Station health"): software
 * version, outbox records without a district receipt and when the oldest was written, the
 * offline guard, free disk, and the station's own clock.
 */
export interface StationHealth {
  softwareVersion: string;
  /** Outbox records without a district receipt (rejected ones aside), this packet's included. */
  backlogRecords: number;
  /** created_at of the oldest outbox record without a receipt; null when none. */
  oldestUnsyncedAt: string | null;
  guard: { level: GuardLevel; reasons: string[] };
  /** Free bytes where the station keeps its data; null when the platform cannot tell. */
  freeBytes: number | null;
  /** The station's clock when it finished the packet (ISO). */
  stationTime: string;
}

const SHORT_TEXT = /^[\x20-\x7e]{1,64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** The manifest's health as the hub keeps it: each field well-formed or null. */
export interface CheckedHealth {
  softwareVersion: string | null;
  backlogRecords: number | null;
  oldestUnsyncedAt: string | null;
  guardLevel: GuardLevel | null;
  guardReasons: string[];
  freeBytes: number | null;
  stationTime: string | null;
}

/**
 * The manifest's health, with each field checked on its own (printable text of at most 64
 * characters, non-negative safe integers, ISO times); a malformed field becomes null, a missing
 * or malformed object null. Never throws: health is advice, not a reason to refuse records.
 */
export function readHealth(value: unknown): CheckedHealth | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const h = value as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && SHORT_TEXT.test(v) ? v : null);
  const count = (v: unknown) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
  const time = (v: unknown) =>
    typeof v === 'string' && ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? v : null;
  const guard = h.guard && typeof h.guard === 'object' ? (h.guard as Record<string, unknown>) : {};
  const level = GUARD_LEVELS.find((l) => l === guard.level) ?? null;
  const reasons = Array.isArray(guard.reasons)
    ? guard.reasons
        .slice(0, 8)
        .map(text)
        .filter((r): r is string => r !== null)
    : [];
  return {
    softwareVersion: text(h.softwareVersion),
    backlogRecords: count(h.backlogRecords),
    oldestUnsyncedAt: time(h.oldestUnsyncedAt),
    guardLevel: level,
    guardReasons: reasons,
    freeBytes: count(h.freeBytes),
    stationTime: time(h.stationTime),
  };
}

/** An audit chain position: an entry's sequence number and its hash (seq 0: the genesis). */
export interface AuditPoint {
  seq: number;
  hash: string;
}

/**
 * The audit anchor of a manifest: the head of the station's audit chain, whether the chain
 * verified from its first entry, and the hash now found at the head the station's previous packet
 * carried (null when no verified entry is there any more). The hub compares `previous` with the
 * anchor it stored for that packet, so a chain rewritten below an anchor shows at the next packet.
 */
export interface ManifestAudit {
  head: AuditPoint;
  isIntact: boolean;
  previous: { packetId: string; seq: number; hash: string | null } | null;
}

export type PacketErrorReason =
  | 'BAD_MAGIC'
  | 'UNSUPPORTED_VERSION'
  | 'BAD_HEADER'
  | 'NOT_FOR_THIS_RECIPIENT'
  | 'UNKNOWN_STATION'
  | 'TRUNCATED'
  | 'DECRYPT_FAILED'
  | 'BAD_STRUCTURE'
  | 'BAD_MANIFEST'
  | 'HASH_MISMATCH'
  | 'BAD_SIGNATURE';

/** Why a packet was refused; `message` is for logs, the reason for receipts and the UI. */
export class PacketError extends Error {
  readonly reason: PacketErrorReason;
  constructor(reason: PacketErrorReason, message: string) {
    super(`${reason}: ${message}`);
    this.name = 'PacketError';
    this.reason = reason;
  }
}

/** MAGIC, version byte, u32 BE header length, header JSON. */
export function encodePrelude(header: PacketHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  if (json.length > MAX_HEADER_BYTES) throw new Error('Packet header too long');
  const fixed = Buffer.alloc(MAGIC.length + 5);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt8(FORMAT_VERSION, MAGIC.length);
  fixed.writeUInt32BE(json.length, MAGIC.length + 1);
  return Buffer.concat([fixed, json]);
}

/** AAD of chunk `index`: sha-256 of the prelude, u64 BE index, u8 final flag. */
export function chunkAad(preludeHash: Buffer, index: number, isFinal: boolean): Buffer {
  const aad = Buffer.alloc(32 + 8 + 1);
  preludeHash.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), 32);
  aad.writeUInt8(isFinal ? 1 : 0, 40);
  return aad;
}

/** 96-bit nonce: four zero bytes and the u64 BE chunk index (the key is unique per packet). */
export function chunkNonce(index: number): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 4);
  return nonce;
}

export function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** u16 BE name length, name, u64 BE size: what precedes an entry's bytes in the plaintext. */
export function encodeEntryHead(name: string, size: number): Buffer {
  if (!ENTRY_NAME.test(name)) throw new Error(`Bad entry name ${JSON.stringify(name)}`);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`Bad entry size ${size}`);
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.alloc(2 + nameBytes.length + 8);
  head.writeUInt16BE(nameBytes.length, 0);
  nameBytes.copy(head, 2);
  head.writeBigUInt64BE(BigInt(size), 2 + nameBytes.length);
  return head;
}

const B64_32 = /^[A-Za-z0-9+/]{43}=$/;

/** Parses and checks the header JSON; throws PacketError('BAD_HEADER'). */
export function parseHeader(json: Buffer): PacketHeader {
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    throw new PacketError('BAD_HEADER', 'header is not JSON');
  }
  const h = value as Partial<PacketHeader>;
  const isText = (v: unknown, max = 100): v is string =>
    typeof v === 'string' && v.length > 0 && v.length <= max;
  if (
    !h ||
    typeof h !== 'object' ||
    !isUuid(h.packetId) ||
    !isUuid(h.unitId) ||
    !isText(h.createdAt) ||
    !isText(h.recipientKeyId) ||
    typeof h.ephemeralPublicKey !== 'string' ||
    !B64_32.test(h.ephemeralPublicKey) ||
    typeof h.salt !== 'string' ||
    !B64_32.test(h.salt) ||
    !Number.isInteger(h.chunkSize) ||
    (h.chunkSize as number) < 1024 ||
    (h.chunkSize as number) > MAX_CHUNK_SIZE
  )
    throw new PacketError('BAD_HEADER', 'header fields missing or out of range');
  return {
    packetId: h.packetId,
    unitId: h.unitId,
    createdAt: h.createdAt,
    recipientKeyId: h.recipientKeyId,
    ephemeralPublicKey: h.ephemeralPublicKey,
    salt: h.salt,
    chunkSize: h.chunkSize as number,
  };
}

/** Checks the manifest's shape; throws PacketError('BAD_MANIFEST'). */
export function parseManifest(bytes: Buffer): PacketManifest {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PacketError('BAD_MANIFEST', 'manifest is not JSON');
  }
  const m = value as Partial<PacketManifest>;
  const isRange =
    !!m?.outbox &&
    Number.isSafeInteger(m.outbox.fromSeq) &&
    Number.isSafeInteger(m.outbox.toSeq) &&
    Number.isSafeInteger(m.outbox.count);
  const isEntries =
    Array.isArray(m?.entries) &&
    m.entries.every(
      (e) =>
        typeof e?.name === 'string' &&
        ENTRY_NAME.test(e.name) &&
        typeof e.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(e.sha256) &&
        Number.isSafeInteger(e.size) &&
        e.size >= 0,
    );
  const isAudit =
    m?.schemaVersion === SCHEMA_VERSION
      ? isManifestAudit(m.audit)
      : m?.schemaVersion === SCHEMA_VERSION_WITHOUT_AUDIT && m.audit === undefined;
  if (
    m?.format !== MANIFEST_FORMAT ||
    !isAudit ||
    typeof m.packetId !== 'string' ||
    typeof m.unitId !== 'string' ||
    typeof m.createdAt !== 'string' ||
    typeof m.signer?.keyId !== 'string' ||
    typeof m.signer.publicKey !== 'string' ||
    !B64_32.test(m.signer.publicKey) ||
    !isRange ||
    !isEntries
  )
    throw new PacketError('BAD_MANIFEST', 'manifest fields missing or out of range');
  return m as PacketManifest;
}

const HASH = /^[0-9a-f]{64}$/;

function isAuditPoint(v: unknown): v is AuditPoint {
  const p = v as Partial<AuditPoint> | null;
  return (
    !!p &&
    typeof p === 'object' &&
    Number.isSafeInteger(p.seq) &&
    (p.seq as number) >= 0 &&
    typeof p.hash === 'string' &&
    HASH.test(p.hash)
  );
}

function isManifestAudit(v: unknown): v is ManifestAudit {
  const a = v as Partial<ManifestAudit> | null;
  if (!a || typeof a !== 'object' || !isAuditPoint(a.head) || typeof a.isIntact !== 'boolean')
    return false;
  const p = a.previous;
  return (
    p === null ||
    (!!p &&
      typeof p === 'object' &&
      isUuid(p.packetId) &&
      Number.isSafeInteger(p.seq) &&
      p.seq >= 0 &&
      (p.hash === null || (typeof p.hash === 'string' && HASH.test(p.hash))))
  );
}
