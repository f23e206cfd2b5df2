import { createDecipheriv, createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import {
  chunkAad,
  chunkNonce,
  FORMAT_VERSION,
  MAGIC,
  MANIFEST_NAME,
  MAX_HEADER_BYTES,
  parseHeader,
  parseManifest,
  PacketError,
  sha256,
  SIGNATURE_NAME,
  TAG_BYTES,
  ENTRY_NAME,
  type ManifestEntry,
  type PacketHeader,
  type PacketManifest,
} from './format';
import { keyId, packetKey, publicKeyFromRaw, verifyBytes, type KeyPair } from './keys';

/** Where an entry's bytes go while the packet is read (a staging file at the hub). */
export interface EntrySink {
  write(bytes: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

export interface ReadPacketOptions {
  /** The district's X25519 pair. */
  recipient: KeyPair;
  /** The registered Ed25519 public key (32 raw bytes) of a station, or null when unknown. */
  resolveSigner(unitId: string): Uint8Array | null;
  /** A sink for an entry's bytes, or null to only hash them. */
  onEntry?: ((name: string, size: number) => EntrySink | null) | undefined;
}

export interface ReadPacket {
  header: PacketHeader;
  manifest: PacketManifest;
  /** sha-256 of the whole file, hex. */
  sha256: string;
  size: number;
}

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Reads the plaintext prelude only: who sent it and to whom, before any decryption. Takes an
 * open handle too (a file on a drive, opened without following links); the caller closes it.
 */
export async function readPacketHeader(source: string | FileHandle): Promise<PacketHeader> {
  if (typeof source !== 'string') return (await readPrelude(source)).header;
  const file = await open(source, 'r');
  try {
    return (await readPrelude(file)).header;
  } finally {
    await file.close();
  }
}

async function readExact(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) throw new PacketError('TRUNCATED', `file ends at byte ${position + got}`);
    got += bytesRead;
  }
  return buffer;
}

async function readPrelude(
  file: FileHandle,
): Promise<{ header: PacketHeader; prelude: Buffer; end: number }> {
  const fixed = await readExact(file, 0, MAGIC.length + 5).catch((error: unknown) => {
    throw error instanceof PacketError ? new PacketError('BAD_MAGIC', 'file too short') : error;
  });
  if (!fixed.subarray(0, MAGIC.length).equals(MAGIC))
    throw new PacketError('BAD_MAGIC', 'not a Lakon Mandira packet');
  const version = fixed.readUInt8(MAGIC.length);
  if (version !== FORMAT_VERSION)
    throw new PacketError('UNSUPPORTED_VERSION', `format version ${version}`);
  const headerLength = fixed.readUInt32BE(MAGIC.length + 1);
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES)
    throw new PacketError('BAD_HEADER', `header length ${headerLength}`);
  const json = await readExact(file, fixed.length, headerLength);
  return {
    header: parseHeader(json),
    prelude: Buffer.concat([fixed, json]),
    end: fixed.length + headerLength,
  };
}

/**
 * Parses the decrypted plaintext as entries, one piece at a time, without holding more than the
 * piece and a small carry-over (the manifest and signature are held whole; they are small).
 */
class EntryParser {
  readonly #onEntry: ReadPacketOptions['onEntry'];
  #carry: Buffer = Buffer.alloc(0);
  #current: {
    name: string;
    size: number;
    left: number;
    hash: Hash;
    sink: EntrySink | null;
    held: Buffer[] | null;
  } | null = null;
  readonly entries: ManifestEntry[] = [];
  manifestBytes: Buffer | null = null;
  signature: Buffer | null = null;

  constructor(onEntry: ReadPacketOptions['onEntry']) {
    this.#onEntry = onEntry;
  }

  async push(bytes: Buffer): Promise<void> {
    let data = this.#carry.length ? Buffer.concat([this.#carry, bytes]) : bytes;
    this.#carry = Buffer.alloc(0);
    while (data.length > 0) {
      if (this.signature) throw new PacketError('BAD_STRUCTURE', 'bytes after the signature');
      if (!this.#current) {
        if (data.length < 2) break;
        const nameLength = data.readUInt16BE(0);
        if (data.length < 2 + nameLength + 8) break;
        const name = data.subarray(2, 2 + nameLength).toString('utf8');
        const size = Number(data.readBigUInt64BE(2 + nameLength));
        if (!ENTRY_NAME.test(name) || !Number.isSafeInteger(size))
          throw new PacketError('BAD_STRUCTURE', 'bad entry head');
        data = data.subarray(2 + nameLength + 8);
        await this.#begin(name, size);
        continue;
      }
      const take = Math.min(this.#current.left, data.length);
      const piece = data.subarray(0, take);
      data = data.subarray(take);
      this.#current.left -= take;
      this.#current.hash.update(piece);
      if (this.#current.held) this.#current.held.push(Buffer.from(piece));
      else if (this.#current.sink) await this.#current.sink.write(Buffer.from(piece));
      if (this.#current.left === 0) await this.#end();
    }
    if (data.length > 0) this.#carry = Buffer.from(data);
  }

  get isComplete(): boolean {
    return this.signature !== null && this.#carry.length === 0 && this.#current === null;
  }

  async #begin(name: string, size: number): Promise<void> {
    if (this.manifestBytes && name !== SIGNATURE_NAME)
      throw new PacketError('BAD_STRUCTURE', `${name} after the manifest`);
    if (name === SIGNATURE_NAME && !this.manifestBytes)
      throw new PacketError('BAD_STRUCTURE', 'signature before the manifest');
    const isHeld = name === MANIFEST_NAME || name === SIGNATURE_NAME;
    if (name === MANIFEST_NAME && size > MAX_MANIFEST_BYTES)
      throw new PacketError('BAD_STRUCTURE', 'manifest too large');
    if (name === SIGNATURE_NAME && size !== 64)
      throw new PacketError('BAD_STRUCTURE', 'signature is not 64 bytes');
    this.#current = {
      name,
      size,
      left: size,
      hash: createHash('sha256'),
      sink: isHeld ? null : (this.#onEntry?.(name, size) ?? null),
      held: isHeld ? [] : null,
    };
    if (size === 0) await this.#end();
  }

  async #end(): Promise<void> {
    const current = this.#current;
    if (!current) return;
    this.#current = null;
    if (current.name === MANIFEST_NAME) this.manifestBytes = Buffer.concat(current.held ?? []);
    else if (current.name === SIGNATURE_NAME) this.signature = Buffer.concat(current.held ?? []);
    else {
      await current.sink?.end();
      this.entries.push({
        name: current.name,
        sha256: current.hash.digest('hex'),
        size: current.size,
      });
    }
  }
}

/**
 * Reads, decrypts and verifies one packet. Throws PacketError with the first reason found; the
 * caller must treat anything its sinks received as untrusted until this returns.
 */
export async function readPacket(path: string, options: ReadPacketOptions): Promise<ReadPacket> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const { header, prelude, end } = await readPrelude(file);
    if (header.recipientKeyId !== keyId(options.recipient.publicRaw))
      throw new PacketError('NOT_FOR_THIS_RECIPIENT', `encrypted to key ${header.recipientKeyId}`);
    const signerRaw = options.resolveSigner(header.unitId);
    if (!signerRaw) throw new PacketError('UNKNOWN_STATION', `unit ${header.unitId}`);
    const key = packetKey(
      options.recipient.privateKey,
      publicKeyFromRaw('x25519', Buffer.from(header.ephemeralPublicKey, 'base64')),
      Buffer.from(header.salt, 'base64'),
    );
    const preludeHash = sha256(prelude);
    const fileHash = createHash('sha256').update(prelude);
    const parser = new EntryParser(options.onEntry);
    let position = end;
    let index = 0;
    let isFinal = false;
    while (!isFinal) {
      if (position >= size) throw new PacketError('TRUNCATED', 'no final chunk');
      const lengthBytes = await readExact(file, position, 4);
      const length = lengthBytes.readUInt32BE(0);
      if (length > header.chunkSize)
        throw new PacketError('BAD_STRUCTURE', `chunk ${index} is ${length} bytes`);
      const body = await readExact(file, position + 4, length + TAG_BYTES);
      position += 4 + length + TAG_BYTES;
      fileHash.update(lengthBytes).update(body);
      isFinal = position === size;
      const plaintext = decryptChunk(key, preludeHash, index, isFinal, body, length);
      await parser.push(plaintext);
      index += 1;
    }
    if (!parser.isComplete || !parser.manifestBytes || !parser.signature)
      throw new PacketError('BAD_STRUCTURE', 'manifest or signature missing');
    const manifest = parseManifest(parser.manifestBytes);
    verifyManifest(header, manifest, parser.entries, signerRaw);
    const signer = publicKeyFromRaw('ed25519', signerRaw);
    if (!verifyBytes(signer, parser.manifestBytes, parser.signature))
      throw new PacketError('BAD_SIGNATURE', 'the manifest signature does not verify');
    return { header, manifest, sha256: fileHash.digest('hex'), size };
  } finally {
    await file.close();
  }
}

function decryptChunk(
  key: Buffer,
  preludeHash: Buffer,
  index: number,
  isFinal: boolean,
  body: Buffer,
  length: number,
): Buffer {
  const attempt = (final: boolean): Buffer | null => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index));
      decipher.setAAD(chunkAad(preludeHash, index, final));
      decipher.setAuthTag(body.subarray(length));
      return Buffer.concat([decipher.update(body.subarray(0, length)), decipher.final()]);
    } catch {
      return null;
    }
  };
  const plaintext = attempt(isFinal);
  if (plaintext) return plaintext;
  // The file ends on a chunk that is not marked final: cut at a chunk boundary.
  if (isFinal && attempt(false))
    throw new PacketError('TRUNCATED', `file ends after chunk ${index}`);
  // A flipped byte, or a key that is not the one the packet was encrypted with.
  throw new PacketError('DECRYPT_FAILED', `chunk ${index} does not authenticate`);
}

function verifyManifest(
  header: PacketHeader,
  manifest: PacketManifest,
  entries: ManifestEntry[],
  signerRaw: Uint8Array,
): void {
  if (manifest.packetId !== header.packetId || manifest.unitId !== header.unitId)
    throw new PacketError('BAD_MANIFEST', 'manifest and header disagree');
  if (!Buffer.from(manifest.signer.publicKey, 'base64').equals(Buffer.from(signerRaw)))
    throw new PacketError('BAD_SIGNATURE', 'signed by a key that is not the station’s');
  const isSame =
    manifest.entries.length === entries.length &&
    manifest.entries.every(
      (e, i) =>
        e.name === entries[i]?.name &&
        e.sha256 === entries[i]?.sha256 &&
        e.size === entries[i]?.size,
    );
  if (!isSame) throw new PacketError('HASH_MISMATCH', 'entries differ from the manifest');
}
