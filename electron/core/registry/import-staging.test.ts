import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendStagedChunk, readStaged, stagedFile } from './import-staging';

const dir = mkdtempSync(join(tmpdir(), 'lm-staging-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = Buffer.alloc(32, 3);

async function readAll(file: string, id: string, k = key): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of readStaged(file, k, id)) parts.push(part);
  return Buffer.concat(parts);
}

describe('import staging', () => {
  it('round-trips chunks without plaintext on disk', async () => {
    const file = stagedFile(dir, 'a');
    const text = 'NIK,NAMA_LGKP\r\n1602055512030001,SITI\r\n';
    appendStagedChunk(file, key, 'a', 0, Buffer.from(text.slice(0, 20)));
    appendStagedChunk(file, key, 'a', 20, Buffer.from(text.slice(20)));
    expect(readFileSync(file).includes(Buffer.from('1602055512030001'))).toBe(false);
    expect((await readAll(file, 'a')).toString()).toBe(text);
  });

  it('refuses a wrong key, another import id, a tampered or a truncated file', async () => {
    const file = stagedFile(dir, 'b');
    appendStagedChunk(file, key, 'b', 0, Buffer.from('hello, world'));
    await expect(readAll(file, 'b', Buffer.alloc(32, 4))).rejects.toThrow();
    await expect(readAll(file, 'other')).rejects.toThrow();
    const bytes = readFileSync(file);
    const tampered = Buffer.from(bytes);
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    writeFileSync(file, tampered);
    await expect(readAll(file, 'b')).rejects.toThrow();
    writeFileSync(file, bytes.subarray(0, bytes.length - 2));
    await expect(readAll(file, 'b')).rejects.toThrow('truncated');
  });
});
