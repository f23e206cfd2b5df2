import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PacketError, parseManifest, type ManifestAudit } from './format';
import { keyPairFromSeed } from './keys';
import { readPacket } from './reader';
import { PacketWriter } from './writer';

let dir: string;
const station = keyPairFromSeed('ed25519', Buffer.alloc(32, 1));
const district = keyPairFromSeed('x25519', Buffer.alloc(32, 2));
const UNIT = '01900000-0000-7000-8000-000000000001';
const PK1 = '01900000-0000-7000-8000-0000000000a1';
const PK0 = '01900000-0000-7000-8000-0000000000a0';
const HASH = 'ab'.repeat(32);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-manifest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const AUDIT: ManifestAudit = {
  head: { seq: 2056, hash: HASH },
  isIntact: true,
  previous: { packetId: PK0, seq: 2000, hash: 'cd'.repeat(32) },
};

function manifest(extra: Record<string, unknown>): Buffer {
  return Buffer.from(
    JSON.stringify({
      format: 'lakon-mandira-packet',
      packetId: PK1,
      unitId: UNIT,
      createdAt: '2026-12-02T01:00:00.000Z',
      outbox: { fromSeq: 1, toSeq: 1, count: 1 },
      signer: { keyId: 'k', publicKey: station.publicRaw.toString('base64') },
      entries: [],
      ...extra,
    }),
  );
}

function reason(bytes: Buffer): string {
  try {
    parseManifest(bytes);
    return 'accepted';
  } catch (error) {
    return error instanceof PacketError ? error.reason : 'threw';
  }
}

describe('finding 1.8: the audit anchor in the signed manifest (schema 2)', () => {
  it('finding 1.8: the writer signs the anchor into the manifest and the reader returns it', async () => {
    const path = join(dir, 'p.lmp');
    const writer = await PacketWriter.create(path, {
      packetId: PK1,
      unitId: UNIT,
      createdAt: '2026-12-02T01:00:00.000Z',
      signing: station,
      recipientPublicKey: district.publicRaw,
    });
    await writer.addEntry('records-0001.jsonl', Buffer.from('{}\n'));
    const written = await writer.finish({ fromSeq: 1, toSeq: 1, count: 1 }, AUDIT);
    expect(written.manifest.schemaVersion).toBe(2);
    const read = await readPacket(path, {
      recipient: district,
      resolveSigner: (unit) => (unit === UNIT ? station.publicRaw : null),
    });
    expect(read.manifest.audit).toEqual(AUDIT);
  });

  it('finding 1.8: schema 1 without an anchor is still read; a broken or misplaced anchor is refused', () => {
    expect(reason(manifest({ schemaVersion: 1 }))).toBe('accepted');
    expect(reason(manifest({ schemaVersion: 2, audit: AUDIT }))).toBe('accepted');
    expect(reason(manifest({ schemaVersion: 2, audit: { ...AUDIT, previous: null } }))).toBe(
      'accepted',
    );
    expect(
      reason(
        manifest({
          schemaVersion: 2,
          audit: { ...AUDIT, previous: { ...AUDIT.previous, hash: null } },
        }),
      ),
    ).toBe('accepted');
    // Schema 2 must carry it; schema 1 must not; every field is checked.
    expect(reason(manifest({ schemaVersion: 2 }))).toBe('BAD_MANIFEST');
    expect(reason(manifest({ schemaVersion: 1, audit: AUDIT }))).toBe('BAD_MANIFEST');
    expect(reason(manifest({ schemaVersion: 3, audit: AUDIT }))).toBe('BAD_MANIFEST');
    for (const audit of [
      { ...AUDIT, head: { seq: -1, hash: HASH } },
      { ...AUDIT, head: { seq: 1, hash: 'XY'.repeat(32) } },
      { ...AUDIT, isIntact: 'yes' },
      { ...AUDIT, previous: { ...AUDIT.previous, packetId: '../packets/x' } },
      { ...AUDIT, previous: { ...AUDIT.previous, seq: 1.5 } },
      { ...AUDIT, previous: { ...AUDIT.previous, hash: 'short' } },
    ])
      expect(reason(manifest({ schemaVersion: 2, audit }))).toBe('BAD_MANIFEST');
  });
});
