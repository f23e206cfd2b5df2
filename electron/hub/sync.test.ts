import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outgoingDir } from '../core/sync/build';
import { startCuttingProxy } from '../testing/cutting-proxy';
import { keyPairFromSeed } from '../protocol/packet/keys';
import { syncRun } from '../core/sync/run';
import { fillOutbox, hubCount, stationCount, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';
import { DEFAULT_UPLOAD, uploadPacket } from '../core/sync/upload';

let world: SyncWorld;
describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    world = await syncWorld(backend);
  });
  afterEach(async () => world.dispose());

  const SMALL = { records: 25, attachmentBytes: 40_000, linesPerPart: 10 };

  describe('sync over HTTP', () => {
    it('sends every outbox row once and marks exactly those exported', async () => {
      await fillOutbox(world, 6, 40);
      const outbox = stationCount(world, 'outbox');
      const summary = await syncRun(world.station.deps, world.keys, await world.target(), {
        limits: SMALL,
      });
      expect(summary.failed).toEqual([]);
      expect(summary.built).toBeGreaterThan(1);
      expect(summary.receipted).toBe(summary.built);
      expect(await hubCount(world, 'records')).toBe(outbox);
      expect(await hubCount(world, 'attachments')).toBe(6);
      expect(stationCount(world, 'outbox', 'exported_at IS NULL')).toBe(0);
      // Person fields arrive under SIAK's names.
      const record = await world.hub.db
        .selectFrom('records')
        .select('data')
        .where('aggregate', '=', 'application')
        .executeTakeFirstOrThrow();
      expect(Object.keys(JSON.parse(record.data) as object)).toEqual(
        expect.arrayContaining(['NIK', 'NO_KK']),
      );
    });

    it('survives at least 50 cuts at random byte offsets: every record once, all marked', async () => {
      await fillOutbox(world, 20, 200);
      const outbox = stationCount(world, 'outbox');
      const hubUrl = new URL(world.server.url);
      const proxy = await startCuttingProxy(
        { host: hubUrl.hostname, port: Number(hubUrl.port) },
        { seed: 20261202, maxGap: 6000, maxCuts: 100000 },
      );
      const target = await world.target(proxy.url);
      let passes = 0;
      try {
        while (passes < 400) {
          passes += 1;
          const summary = await syncRun(world.station.deps, world.keys, target, {
            limits: SMALL,
            upload: { ...DEFAULT_UPLOAD, pieceBytes: 1024, timeoutMs: 5000 },
            isForced: true,
          });
          if (
            summary.pendingPackets === 0 &&
            stationCount(world, 'outbox', 'packet_id IS NULL') === 0
          )
            break;
        }
      } finally {
        await proxy.close();
      }
      expect(proxy.cuts).toBeGreaterThanOrEqual(50);
      expect(await hubCount(world, 'records')).toBe(outbox);
      const hubIds = (await world.hub.db.selectFrom('records').select('outbox_id').execute())
        .map((r) => r.outbox_id)
        .sort();
      const stationIds = (
        world.station.deps.sqlite
          .prepare('SELECT id FROM outbox ORDER BY id')
          .pluck()
          .all() as string[]
      ).sort();
      expect(hubIds).toEqual(stationIds);
      expect(stationCount(world, 'outbox', 'exported_at IS NULL')).toBe(0);
      expect(stationCount(world, 'sync_packets', "state <> 'receipted'")).toBe(0);
    }, 120_000);

    it('resumes after the hub restarts mid-upload (its staged bytes survive on disk)', async () => {
      await fillOutbox(world, 4, 10);
      const outbox = stationCount(world, 'outbox');
      let puts = 0;
      const failing: typeof fetch = async (input, init) => {
        if (init?.method === 'PUT' && ++puts > 3) throw new Error('link down');
        return fetch(input, init);
      };
      const target = await world.target();
      const first = await syncRun(world.station.deps, world.keys, target, {
        upload: { ...DEFAULT_UPLOAD, pieceBytes: 1024, fetch: failing },
      });
      expect(first.failed[0]).toMatchObject({ reason: 'NETWORK' });
      const staged = await world.hub.db.selectFrom('packets').selectAll().executeTakeFirstOrThrow();
      expect(staged.state).toBe('receiving');
      // Three pieces are on the hub's disk; the station goes on from there, not from zero.
      expect(statSync(join(world.hubDir, 'staging', `${staged.packet_id}.lmp`)).size).toBe(
        3 * 1024,
      );
      // The hub process goes away and comes back on the same folder (and another port).
      await world.restartHub();
      const second = await syncRun(
        world.station.deps,
        world.keys,
        await world.target(world.server.url),
        {
          upload: { ...DEFAULT_UPLOAD, pieceBytes: 1024 },
          isForced: true,
        },
      );
      expect(second.failed).toEqual([]);
      expect(await hubCount(world, 'records')).toBe(outbox);
      expect(stationCount(world, 'outbox', 'exported_at IS NULL')).toBe(0);
    });

    it('a duplicate upload returns the same receipt and stores nothing new', async () => {
      await fillOutbox(world, 2, 5);
      const target = await world.target();
      await syncRun(world.station.deps, world.keys, target);
      const packet = await world.station.deps.db
        .selectFrom('sync_packets')
        .selectAll()
        .executeTakeFirstOrThrow();
      const before = {
        records: await hubCount(world, 'records'),
        packets: await hubCount(world, 'packets'),
        attachments: await hubCount(world, 'attachments'),
      };
      const again = await uploadPacket(world.station.deps, world.keys, target, packet);
      expect(again).toEqual(JSON.parse(packet.receipt ?? 'null'));
      expect({
        records: await hubCount(world, 'records'),
        packets: await hubCount(world, 'packets'),
        attachments: await hubCount(world, 'attachments'),
      }).toEqual(before);
    });
  });

  describe('hub refusals', () => {
    async function builtPacketFile(): Promise<string> {
      await fillOutbox(world, 2, 3);
      // Build without sending: a hub address nobody answers.
      await syncRun(world.station.deps, world.keys, await world.target('http://127.0.0.1:9'));
      const packet = await world.station.deps.db
        .selectFrom('sync_packets')
        .selectAll()
        .executeTakeFirstOrThrow();
      return join(outgoingDir(world.station.deps), packet.file_name);
    }

    async function nothingStored(): Promise<void> {
      expect(await hubCount(world, 'records')).toBe(0);
      expect(await hubCount(world, 'packets')).toBe(0);
      expect(await hubCount(world, 'attachments')).toBe(0);
    }

    it('one flipped byte: refused with DECRYPT_FAILED, nothing stored, the refusal logged', async () => {
      const file = await builtPacketFile();
      const copy = join(world.hubDir, 'flipped.lmp');
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x10;
      writeFileSync(copy, bytes);
      const result = await world.hub.importFile(copy);
      expect(result).toMatchObject({ ok: false, reason: 'DECRYPT_FAILED' });
      await nothingStored();
      expect(await hubCount(world, 'refusals')).toBe(1);
    });

    it('a wrong signature: refused with BAD_SIGNATURE', async () => {
      await fillOutbox(world, 1, 1);
      const forger = { ...world.keys, signing: keyPairFromSeed('ed25519', Buffer.alloc(32, 3)) };
      await syncRun(world.station.deps, forger, await world.target('http://127.0.0.1:9'));
      const packet = await world.station.deps.db
        .selectFrom('sync_packets')
        .selectAll()
        .executeTakeFirstOrThrow();
      const result = await world.hub.importFile(
        join(outgoingDir(world.station.deps), packet.file_name),
      );
      expect(result).toMatchObject({ ok: false, reason: 'BAD_SIGNATURE' });
      await nothingStored();
    });

    // Over HTTP the hub answers an unknown unit exactly as a bad signature (finding 1.12).
    it('an unknown station: refused over HTTP (401 BAD_SIGNATURE) and from a drive', async () => {
      const file = await builtPacketFile();
      await world.hub.db.deleteFrom('stations').execute();
      const copy = join(world.hubDir, 'unknown.lmp');
      copyFileSync(file, copy);
      expect(await world.hub.importFile(copy)).toMatchObject({
        ok: false,
        reason: 'UNKNOWN_STATION',
      });
      const summary = await syncRun(world.station.deps, world.keys, await world.target(), {
        isForced: true,
      });
      expect(summary.failed[0]).toMatchObject({ reason: 'BAD_SIGNATURE' });
      await nothingStored();
      // The station keeps its work: nothing is marked exported.
      expect(stationCount(world, 'outbox', 'exported_at IS NOT NULL')).toBe(0);
    });
  });
});
