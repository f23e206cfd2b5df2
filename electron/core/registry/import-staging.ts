import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * An uploaded extract is personal data of a whole regency, so it is never on disk in plaintext:
 * each uploaded chunk is sealed with AES-256-GCM (fresh 12-byte IV, the import id and the chunk's
 * plaintext offset as associated data, so chunks cannot be swapped or replayed) and appended as
 * [4-byte length][IV][tag][ciphertext]. The folder and files are owner-only.
 */

export const STAGING_CHUNK_MAX = 1024 * 1024;
const IV = 12;
const TAG = 16;

export function stagingDir(dataDir: string): string {
  const dir = join(dataDir, 'imports');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export function stagedFile(dataDir: string, importId: string): string {
  return join(stagingDir(dataDir), `${importId}.csv.enc`);
}

const aad = (importId: string, offset: number) => Buffer.from(`${importId}:${offset}`);

/** Appends one chunk (already checked: offset equals the bytes received so far). */
export function appendStagedChunk(
  file: string,
  key: Buffer,
  importId: string,
  offset: number,
  plain: Buffer,
): void {
  if (plain.length === 0 || plain.length > STAGING_CHUNK_MAX) {
    throw new RangeError(`Chunk size ${plain.length} out of range`);
  }
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(importId, offset));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, Buffer.concat([length, iv, cipher.getAuthTag(), body]));
  } finally {
    closeSync(fd);
  }
}

/** The plaintext again, chunk by chunk; a tampered or truncated file throws. */
export async function* readStaged(
  file: string,
  key: Buffer,
  importId: string,
): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    let [position, offset] = [0, 0];
    const head = Buffer.alloc(4 + IV + TAG);
    for (;;) {
      const { bytesRead } = await handle.read(head, 0, head.length, position);
      if (bytesRead === 0) return;
      if (bytesRead < head.length) throw new Error('Staged upload is truncated');
      const length = head.readUInt32BE(0);
      if (length > STAGING_CHUNK_MAX) throw new Error('Staged upload is damaged');
      const body = Buffer.alloc(length);
      const read = await handle.read(body, 0, length, position + head.length);
      if (read.bytesRead < length) throw new Error('Staged upload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(4, 4 + IV));
      decipher.setAAD(aad(importId, offset));
      decipher.setAuthTag(head.subarray(4 + IV));
      const plain = Buffer.concat([decipher.update(body), decipher.final()]);
      position += head.length + length;
      offset += plain.length;
      yield plain;
    }
  } finally {
    await handle.close();
  }
}

export function deleteStaged(file: string | null): void {
  if (file) rmSync(file, { force: true });
}
