import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacketError, type PacketErrorReason } from './format';
import { keyPairFromSeed, type KeyPair } from './keys';
import { readPacket, readPacketHeader, type EntrySink } from './reader';
import { PacketWriter } from './writer';

let dir: string;
const station = keyPairFromSeed('ed25519', Buffer.alloc(32, 1));
const district = keyPairFromSeed('x25519', Buffer.alloc(32, 2));
const UNIT = '01900000-0000-7000-8000-000000000001';
const PK1 = '01900000-0000-7000-8000-0000000000a1';
const PK2 = '01900000-0000-7000-8000-0000000000a2';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-packet-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function build(
  entries: { name: string; data: Buffer }[],
  options: { signing?: KeyPair; chunkSize?: number; unitId?: string } = {},
): Promise<string> {
  const path = join(dir, 'p.lmp');
  const writer = await PacketWriter.create(path, {
    packetId: PK1,
    unitId: options.unitId ?? UNIT,
    createdAt: '2026-12-02T01:00:00.000Z',
    signing: options.signing ?? station,
    recipientPublicKey: district.publicRaw,
    chunkSize: options.chunkSize ?? 1024,
  });
  for (const entry of entries) await writer.addEntry(entry.name, entry.data);
  await writer.finish({ fromSeq: 1, toSeq: 3, count: 3 });
  return path;
}

function collect(): { sinks: Map<string, Buffer[]>; onEntry: (name: string) => EntrySink } {
  const sinks = new Map<string, Buffer[]>();
  return {
    sinks,
    onEntry: (name) => {
      const parts: Buffer[] = [];
      sinks.set(name, parts);
      return { write: (b) => void parts.push(b), end: () => {} };
    },
  };
}

const known = (unitId: string) => (unitId === UNIT ? station.publicRaw : null);

async function refusal(path: string, resolve = known): Promise<PacketErrorReason> {
  try {
    await readPacket(path, { recipient: district, resolveSigner: resolve });
  } catch (error) {
    if (error instanceof PacketError) return error.reason;
    throw error;
  }
  throw new Error('the packet was accepted');
}

describe('packet round trip', () => {
  it('gives back every entry byte for byte, across many chunks, with a signed manifest', async () => {
    const records = Buffer.from('{"a":1}\n{"a":2}\n{"a":3}\n');
    const photo = randomBytes(10_000);
    const empty = Buffer.alloc(0);
    const path = await build([
      { name: 'records-0001.jsonl', data: records },
      { name: 'attachments/photo.jpg', data: photo },
      { name: 'attachments/empty.bin', data: empty },
    ]);
    const { sinks, onEntry } = collect();
    const read = await readPacket(path, { recipient: district, resolveSigner: known, onEntry });
    expect(Buffer.concat(sinks.get('records-0001.jsonl') ?? [])).toEqual(records);
    expect(Buffer.concat(sinks.get('attachments/photo.jpg') ?? [])).toEqual(photo);
    expect(Buffer.concat(sinks.get('attachments/empty.bin') ?? [])).toEqual(empty);
    expect(read.manifest.entries.map((e) => [e.name, e.size])).toEqual([
      ['records-0001.jsonl', records.length],
      ['attachments/photo.jpg', 10_000],
      ['attachments/empty.bin', 0],
    ]);
    expect(read.manifest.outbox).toEqual({ fromSeq: 1, toSeq: 3, count: 3 });
    expect(read.size).toBe(statSync(path).size);
    expect(existsSync(`${path}.part`)).toBe(false);
    // Nothing of the content is readable in the file.
    expect(readFileSync(path).includes(Buffer.from('"a":2'))).toBe(false);
  });

  it('tells who sent it and to whom before decrypting', async () => {
    const path = await build([{ name: 'records-0001.jsonl', data: Buffer.from('x\n') }]);
    const header = await readPacketHeader(path);
    expect(header).toMatchObject({ packetId: PK1, unitId: UNIT, chunkSize: 1024 });
  });

  it('finding 1.7: a packet id or unit id that is not a UUID is refused when the header is parsed', async () => {
    for (const [packetId, unitId] of [
      [`../packets/${UNIT}/${PK1}`, UNIT],
      ['PK-1', UNIT],
      [PK1, '../../keys'],
      [`${PK1}\n`, UNIT],
    ] as const) {
      const path = join(dir, 'odd.lmp');
      rmSync(path, { force: true });
      const writer = await PacketWriter.create(path, {
        packetId,
        unitId,
        createdAt: '2026-12-02T01:00:00.000Z',
        signing: station,
        recipientPublicKey: district.publicRaw,
      });
      await writer.addEntry('records-0001.jsonl', Buffer.from('x\n'));
      await writer.finish({ fromSeq: 1, toSeq: 1, count: 1 });
      await expect(readPacketHeader(path)).rejects.toMatchObject({ reason: 'BAD_HEADER' });
      expect(await refusal(path)).toBe('BAD_HEADER');
    }
  });

  it('refuses an entry that is not the size announced, and abort leaves no file', async () => {
    const path = join(dir, 'bad.lmp');
    const writer = await PacketWriter.create(path, {
      packetId: PK2,
      unitId: UNIT,
      createdAt: '2026-12-02T01:00:00.000Z',
      signing: station,
      recipientPublicKey: district.publicRaw,
    });
    await expect(writer.addStream('records.jsonl', 10, [Buffer.alloc(4)])).rejects.toThrow(
      /announced 10/,
    );
    await writer.abort();
    expect(existsSync(`${path}.part`)).toBe(false);
    expect(existsSync(path)).toBe(false);
  });
});

describe('packet refusals', () => {
  const entries = () => [
    { name: 'records-0001.jsonl', data: Buffer.from('{"r":1}\n'.repeat(300)) },
    { name: 'attachments/p.jpg', data: randomBytes(5000) },
  ];

  it('a flipped byte anywhere in the encrypted body fails authentication', async () => {
    const path = await build(entries());
    const original = readFileSync(path);
    const headerEnd = 13 + original.readUInt32BE(9);
    for (const offset of [
      headerEnd + 4,
      headerEnd + 600,
      original.length - 20,
      original.length - 1,
    ]) {
      const copy = Buffer.from(original);
      copy[offset] = (copy[offset] ?? 0) ^ 0x01;
      writeFileSync(path, copy);
      expect(await refusal(path)).toBe('DECRYPT_FAILED');
    }
  });

  it('a changed header byte fails too (the header is bound to every chunk)', async () => {
    const path = await build(entries());
    const copy = readFileSync(path);
    const text = copy.toString('latin1');
    const at = text.indexOf('2026-12-02T01');
    copy[at + 3] = '7'.charCodeAt(0);
    writeFileSync(path, copy);
    expect(await refusal(path)).toBe('DECRYPT_FAILED');
  });

  it('a cut file is truncated, at a chunk boundary or inside a chunk', async () => {
    const path = await build(entries());
    const original = readFileSync(path);
    const headerEnd = 13 + original.readUInt32BE(9);
    const firstChunkEnd = headerEnd + 4 + original.readUInt32BE(headerEnd) + 16;
    writeFileSync(path, original.subarray(0, firstChunkEnd));
    expect(await refusal(path)).toBe('TRUNCATED');
    writeFileSync(path, original.subarray(0, firstChunkEnd + 100));
    expect(await refusal(path)).toBe('TRUNCATED');
    writeFileSync(path, original.subarray(0, headerEnd));
    expect(await refusal(path)).toBe('TRUNCATED');
  });

  it('an unknown station, another recipient and a foreign signer are refused', async () => {
    const path = await build(entries());
    expect(await refusal(path, () => null)).toBe('UNKNOWN_STATION');
    const other = keyPairFromSeed('x25519', Buffer.alloc(32, 9));
    await expect(
      readPacket(path, { recipient: other, resolveSigner: known }),
    ).rejects.toMatchObject({ reason: 'NOT_FOR_THIS_RECIPIENT' });
    // Someone who knows the district's public key signs with their own key, claiming our unit.
    const forger = keyPairFromSeed('ed25519', Buffer.alloc(32, 7));
    const forged = await build(entries(), { signing: forger });
    expect(await refusal(forged)).toBe('BAD_SIGNATURE');
  });

  it('not a packet at all', async () => {
    const path = join(dir, 'junk.lmp');
    writeFileSync(path, Buffer.from('PK\u0003\u0004 a zip file, not a packet'));
    expect(await refusal(path)).toBe('BAD_MAGIC');
  });
});
