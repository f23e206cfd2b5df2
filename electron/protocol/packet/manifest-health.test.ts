import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest, readHealth, type StationHealth } from './format';
import { keyPairFromSeed } from './keys';
import { readPacket } from './reader';
import { PacketWriter } from './writer';

let dir: string;
const station = keyPairFromSeed('ed25519', Buffer.alloc(32, 1));
const district = keyPairFromSeed('x25519', Buffer.alloc(32, 2));
const UNIT = '01900000-0000-7000-8000-000000000001';
const PK1 = '01900000-0000-7000-8000-0000000000a1';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lm-health-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const HEALTH: StationHealth = {
  softwareVersion: '0.1.0',
  backlogRecords: 12,
  oldestUnsyncedAt: '2026-12-01T03:00:00.000Z',
  guard: { level: 'warn', reasons: ['UNSYNCED_OLD'] },
  freeBytes: 5_000_000_000,
  stationTime: '2026-12-04T03:00:00.000Z',
};

describe('station health in the signed manifest (optional)', () => {
  it('the writer signs it into the manifest and the reader returns it', async () => {
    const path = join(dir, 'p.lmp');
    const writer = await PacketWriter.create(path, {
      packetId: PK1,
      unitId: UNIT,
      createdAt: '2026-12-04T03:00:00.000Z',
      signing: station,
      recipientPublicKey: district.publicRaw,
    });
    await writer.addEntry('records-0001.jsonl', Buffer.from('{}\n'));
    const written = await writer.finish({ fromSeq: 1, toSeq: 1, count: 1 }, undefined, HEALTH);
    expect(written.manifest.schemaVersion).toBe(1);
    const read = await readPacket(path, {
      recipient: district,
      resolveSigner: (unit) => (unit === UNIT ? station.publicRaw : null),
    });
    expect(read.manifest.health).toEqual(HEALTH);
    expect(readHealth(read.manifest.health)).toEqual({
      softwareVersion: '0.1.0',
      backlogRecords: 12,
      oldestUnsyncedAt: '2026-12-01T03:00:00.000Z',
      guardLevel: 'warn',
      guardReasons: ['UNSYNCED_OLD'],
      freeBytes: 5_000_000_000,
      stationTime: '2026-12-04T03:00:00.000Z',
    });
  });

  it('a manifest without it, or with junk in it, is still read; junk fields become null', () => {
    const manifest = (extra: Record<string, unknown>) =>
      Buffer.from(
        JSON.stringify({
          format: 'lakon-mandira-packet',
          schemaVersion: 1,
          packetId: PK1,
          unitId: UNIT,
          createdAt: '2026-12-02T01:00:00.000Z',
          outbox: { fromSeq: 1, toSeq: 1, count: 1 },
          signer: { keyId: 'k', publicKey: station.publicRaw.toString('base64') },
          entries: [],
          ...extra,
        }),
      );
    expect(parseManifest(manifest({})).health).toBeUndefined();
    expect(readHealth(undefined)).toBeNull();
    expect(readHealth([1, 2])).toBeNull();
    const junk = parseManifest(
      manifest({
        health: {
          softwareVersion: '<script>alert(1)</script>'.repeat(5),
          backlogRecords: -1,
          oldestUnsyncedAt: 'yesterday',
          guard: { level: 'panic', reasons: ['DISK_LOW', 7, 'x'.repeat(100)] },
          freeBytes: 1.5,
          stationTime: '2026-13-45T99:99:99Z',
        },
      }),
    );
    expect(readHealth(junk.health)).toEqual({
      softwareVersion: null,
      backlogRecords: null,
      oldestUnsyncedAt: null,
      guardLevel: null,
      guardReasons: ['DISK_LOW'],
      freeBytes: null,
      stationTime: null,
    });
  });
});
