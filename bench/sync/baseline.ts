import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { cpuSecondsSince, msSince } from '../lib/stats';
import { stationDbFile, stationKeyStore } from './station';

/**
 * Phase "baseline": the bare pipeline over the same bytes. From the same database (opened the
 * same way: db/open.ts, same cipher and page cache), in the packets' order (for each packet's
 * outbox range: the rows' payloads, then each application's photos), with plain prepared
 * statements: sha-256 of each record run and each photo, AES-256-GCM in 64 KiB chunks (a nonce
 * per chunk, tag after each), written with one writev per chunk to one file per packet, fsync
 * and close, as the packet writer does. Left out, because they are what the packet code adds:
 * JSON parsing and the SIAK renaming, entry heads, the manifest and its signature, the key
 * agreement, the hash of the ciphertext file, the rename and the packet's transaction.
 */
export interface BaselineJob {
  dataDir: string;
  outDir: string;
  /** The outbox ranges of the packets, in the order they were built. */
  ranges: Array<{ fromSeq: number; toSeq: number }>;
  chunkSize: number;
}

export interface BaselineResult {
  files: number;
  records: number;
  photos: number;
  recordBytes: number;
  photoBytes: number;
  chunks: number;
  /** Bytes written (ciphertext and tags). */
  bytes: number;
  seconds: number;
  cpuSeconds: number;
}

const TAG_BYTES = 16;

/** Plaintext in, sealed chunks out: a fixed buffer, so memory holds one chunk. */
class ChunkSealer {
  readonly #fd: number;
  readonly #key: Buffer;
  readonly #buffer: Buffer;
  #filled = 0;
  chunks = 0;
  bytes = 0;

  constructor(fd: number, chunkSize: number) {
    this.#fd = fd;
    this.#key = randomBytes(32);
    this.#buffer = Buffer.allocUnsafe(chunkSize);
  }

  push(data: Uint8Array): void {
    let offset = 0;
    while (offset < data.length) {
      const take = Math.min(this.#buffer.length - this.#filled, data.length - offset);
      this.#buffer.set(data.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.#buffer.length) this.#seal();
    }
  }

  finish(): void {
    this.#seal();
  }

  #seal(): void {
    const nonce = Buffer.alloc(12);
    nonce.writeBigUInt64BE(BigInt(this.chunks), 4);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    const ciphertext = cipher.update(this.#buffer.subarray(0, this.#filled));
    cipher.final();
    const tag = cipher.getAuthTag();
    writevSync(this.#fd, [ciphertext, tag]);
    this.bytes += ciphertext.length + TAG_BYTES;
    this.chunks += 1;
    this.#filled = 0;
  }
}

export async function baselinePhase(job: BaselineJob): Promise<BaselineResult> {
  const key = stationKeyStore(job.dataDir).load('database');
  if (!key) throw new Error(`No database key in ${job.dataDir}`);
  const opened = await openDatabase({ file: stationDbFile(job.dataDir), key });
  try {
    const rows = opened.sqlite
      .prepare(
        'select aggregate, aggregate_id, payload from outbox where seq between ? and ? order by seq',
      )
      .raw();
    const photos = opened.sqlite
      .prepare('select bytes from application_photos where application_id = ? order by sha256')
      .pluck();
    const result: BaselineResult = {
      files: 0,
      records: 0,
      photos: 0,
      recordBytes: 0,
      photoBytes: 0,
      chunks: 0,
      bytes: 0,
      seconds: 0,
      cpuSeconds: 0,
    };
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const [i, range] of job.ranges.entries()) {
      const fd = openSync(join(job.outDir, `baseline-${i}.bin`), 'w', 0o600);
      const sealer = new ChunkSealer(fd, job.chunkSize);
      const batch = rows.all(range.fromSeq, range.toSeq) as Array<[string, string, string]>;
      const recordHash = createHash('sha256');
      for (const [, , payload] of batch) {
        const bytes = Buffer.from(payload, 'utf8');
        recordHash.update(bytes);
        sealer.push(bytes);
        result.recordBytes += bytes.length;
      }
      recordHash.digest();
      for (const [aggregate, aggregateId] of batch) {
        if (aggregate !== 'application') continue;
        for (const bytes of photos.all(aggregateId) as Buffer[]) {
          createHash('sha256').update(bytes).digest();
          sealer.push(bytes);
          result.photoBytes += bytes.length;
          result.photos += 1;
        }
      }
      sealer.finish();
      fsyncSync(fd);
      closeSync(fd);
      result.files += 1;
      result.records += batch.length;
      result.chunks += sealer.chunks;
      result.bytes += sealer.bytes;
    }
    result.seconds = msSince(started) / 1000;
    result.cpuSeconds = cpuSecondsSince(cpu);
    return result;
  } finally {
    await opened.close();
  }
}
