import { createCipheriv, createHash, randomBytes, type Hash } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import {
  chunkAad,
  chunkNonce,
  DEFAULT_CHUNK_SIZE,
  encodeEntryHead,
  encodePrelude,
  MANIFEST_FORMAT,
  MANIFEST_NAME,
  MAX_CHUNK_SIZE,
  SCHEMA_VERSION,
  SCHEMA_VERSION_WITHOUT_AUDIT,
  sha256,
  SIGNATURE_NAME,
  type ManifestAudit,
  type ManifestEntry,
  type PacketHeader,
  type PacketManifest,
  type StationHealth,
} from './format';
import {
  ephemeralX25519,
  keyId,
  packetKey,
  publicKeyFromRaw,
  signBytes,
  type KeyPair,
} from './keys';

export interface PacketWriterOptions {
  packetId: string;
  unitId: string;
  createdAt: string;
  /** The station's Ed25519 pair. */
  signing: KeyPair;
  /** The district's X25519 public key, 32 raw bytes. */
  recipientPublicKey: Uint8Array;
  chunkSize?: number | undefined;
}

export interface WrittenPacket {
  path: string;
  /** sha-256 of the whole file, hex: what the upload announces. */
  sha256: string;
  size: number;
  manifest: PacketManifest;
}

/**
 * Streams one packet to disk: entries are encrypted as they come, in chunks, so memory holds one
 * chunk whatever the packet's size. The file is written as `<path>.part`, synced and renamed on
 * finish, so a crash never leaves a half packet under the real name.
 */
export class PacketWriter {
  readonly #options: PacketWriterOptions;
  readonly #file: FileHandle;
  readonly #path: string;
  readonly #key: Buffer;
  readonly #preludeHash: Buffer;
  readonly #chunkSize: number;
  readonly #fileHash: Hash = createHash('sha256');
  readonly #entries: ManifestEntry[] = [];
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #chunkIndex = 0;
  #fileBytes = 0;
  #isOpenEntry = false;

  private constructor(
    options: PacketWriterOptions,
    file: FileHandle,
    path: string,
    key: Buffer,
    preludeHash: Buffer,
    chunkSize: number,
  ) {
    this.#options = options;
    this.#file = file;
    this.#path = path;
    this.#key = key;
    this.#preludeHash = preludeHash;
    this.#chunkSize = chunkSize;
  }

  static async create(path: string, options: PacketWriterOptions): Promise<PacketWriter> {
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    if (chunkSize < 1024 || chunkSize > MAX_CHUNK_SIZE) throw new Error('Bad chunk size');
    const ephemeral = ephemeralX25519();
    const salt = randomBytes(32);
    const recipient = publicKeyFromRaw('x25519', options.recipientPublicKey);
    const header: PacketHeader = {
      packetId: options.packetId,
      unitId: options.unitId,
      createdAt: options.createdAt,
      recipientKeyId: keyId(options.recipientPublicKey),
      ephemeralPublicKey: ephemeral.publicRaw.toString('base64'),
      salt: salt.toString('base64'),
      chunkSize,
    };
    const prelude = encodePrelude(header);
    const key = packetKey(ephemeral.privateKey, recipient, salt);
    const file = await open(`${path}.part`, 'w', 0o600);
    const writer = new PacketWriter(options, file, path, key, sha256(prelude), chunkSize);
    await writer.#writeFile(prelude);
    return writer;
  }

  /** One entry whose bytes are at hand. */
  async addEntry(name: string, data: Uint8Array): Promise<void> {
    await this.addStream(name, data.length, [data]);
  }

  /** One entry of a known size, from chunks (a file, a blob read in parts). */
  async addStream(
    name: string,
    size: number,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<void> {
    if (this.#isOpenEntry) throw new Error('Entries are written one at a time');
    if (name === MANIFEST_NAME || name === SIGNATURE_NAME) throw new Error(`${name} is reserved`);
    this.#isOpenEntry = true;
    const hash = createHash('sha256');
    let seen = 0;
    await this.#plain(encodeEntryHead(name, size));
    for await (const chunk of chunks) {
      seen += chunk.length;
      if (seen > size) throw new Error(`Entry ${name} is longer than its size ${size}`);
      hash.update(chunk);
      await this.#plain(chunk);
    }
    if (seen !== size) throw new Error(`Entry ${name} has ${seen} bytes, announced ${size}`);
    this.#entries.push({ name, sha256: hash.digest('hex'), size });
    this.#isOpenEntry = false;
  }

  /**
   * Writes the manifest and its signature, the final chunk, syncs and renames the file. With the
   * audit anchor the manifest is schema 2; without it, schema 1 (what stations wrote before
   * anchoring; kept for tests of how the hub treats them). `health` is optional in any schema.
   */
  async finish(
    outbox: PacketManifest['outbox'],
    audit?: ManifestAudit,
    health?: StationHealth,
  ): Promise<WrittenPacket> {
    const manifest: PacketManifest = {
      format: MANIFEST_FORMAT,
      schemaVersion: audit ? SCHEMA_VERSION : SCHEMA_VERSION_WITHOUT_AUDIT,
      packetId: this.#options.packetId,
      unitId: this.#options.unitId,
      createdAt: this.#options.createdAt,
      outbox,
      signer: {
        keyId: keyId(this.#options.signing.publicRaw),
        publicKey: this.#options.signing.publicRaw.toString('base64'),
      },
      entries: this.#entries,
      ...(audit ? { audit } : {}),
      ...(health ? { health } : {}),
    };
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const signature = signBytes(this.#options.signing.privateKey, manifestBytes);
    await this.#plain(encodeEntryHead(MANIFEST_NAME, manifestBytes.length));
    await this.#plain(manifestBytes);
    await this.#plain(encodeEntryHead(SIGNATURE_NAME, signature.length));
    await this.#plain(signature);
    await this.#flush(true);
    await this.#file.sync();
    await this.#file.close();
    await rename(`${this.#path}.part`, this.#path);
    return {
      path: this.#path,
      sha256: this.#fileHash.digest('hex'),
      size: this.#fileBytes,
      manifest,
    };
  }

  /** Closes and removes the partial file (a failed build leaves nothing behind). */
  async abort(): Promise<void> {
    await this.#file.close().catch(() => {});
    await rm(`${this.#path}.part`, { force: true });
  }

  async #plain(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(this.#chunkSize - this.#pendingBytes, bytes.length - offset);
      this.#pending.push(Buffer.from(bytes.subarray(offset, offset + take)));
      this.#pendingBytes += take;
      offset += take;
      if (this.#pendingBytes === this.#chunkSize) await this.#flush(false);
    }
  }

  /** Encrypts the pending plaintext as chunk #index: u32 BE length, ciphertext, tag. */
  async #flush(isFinal: boolean): Promise<void> {
    const plaintext = Buffer.concat(this.#pending, this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    const cipher = createCipheriv('aes-256-gcm', this.#key, chunkNonce(this.#chunkIndex));
    cipher.setAAD(chunkAad(this.#preludeHash, this.#chunkIndex, isFinal));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(ciphertext.length, 0);
    await this.#writeFile(Buffer.concat([length, ciphertext, cipher.getAuthTag()]));
    this.#chunkIndex += 1;
  }

  async #writeFile(bytes: Buffer): Promise<void> {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await this.#file.write(bytes, written, bytes.length - written);
      written += bytesWritten;
    }
    this.#fileHash.update(bytes);
    this.#fileBytes += bytes.length;
  }
}
