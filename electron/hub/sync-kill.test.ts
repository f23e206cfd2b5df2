import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import { seeded } from '../core/seeded-random';
import { fillOutbox, hubCount, syncWorld, type SyncWorld } from '../testing/sync';
import { HUB_BACKENDS } from '../testing/hub';

const root = fileURLToPath(new URL('../../', import.meta.url));
const childFile = join(root, 'node_modules/.cache/lm-sync-kill/child.mjs');
let world: SyncWorld;

describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeAll(async () => {
    await bundleForNode(join(root, 'electron/testing/export-child.ts'), childFile);
    world = await syncWorld(backend);
    await fillOutbox(world, 15, 120);
    await world.closeStation();
  });
  afterAll(async () => world?.dispose());

  /** The points the sync pass announces (electron/core/sync build.ts, upload.ts, run.ts). */
  const BUILD_POINTS = ['packet-file', 'packet-finish', 'packet-commit'];
  const UPLOAD_POINTS = ['upload-piece', 'upload-commit', 'receipt-apply'];

  interface ChildRun {
    /** The point the child was killed at, or null when it finished. */
    killedAt: string | null;
    /** Every point the child announced, in order. */
    points: string[];
    output: string;
  }

  /**
   * Runs one sync pass in its own process. The child announces each write (`point <name>`) and
   * waits; the test answers every point until the `nth` (1-based) one whose name is among
   * `names`, where it sends SIGKILL instead. With `killAt` null the pass runs to its end.
   */
  function runChild(killAt: { names: readonly string[]; nth: number } | null): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          childFile,
          world.station.dataDir,
          world.server.url,
          join(root, 'resources'),
          world.station.ports.clock.now().toISOString(),
        ],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      let output = '';
      let pending = '';
      const points: string[] = [];
      let matching = 0;
      let killedAt: string | null = null;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('point ') || killedAt !== null) continue;
          const name = line.slice('point '.length);
          points.push(name);
          if (killAt?.names.includes(name)) matching += 1;
          if (killAt && matching === killAt.nth) {
            killedAt = name;
            child.kill('SIGKILL');
          } else child.stdin.write('go\n');
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // A killed child's stdin may already be closed when the last answer is written.
      child.stdin.on('error', () => {});
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (signal === 'SIGKILL' && killedAt !== null) resolve({ killedAt, points, output });
        else if (code === 0 && killAt === null) resolve({ killedAt: null, points, output });
        else if (code === 0)
          reject(new Error(`the pass ended before its kill point: ${points.join(' ')}\n${output}`));
        else reject(new Error(`child exited ${code ?? signal}: ${output}`));
      });
    });
  }

  async function stationDb() {
    const key = Buffer.from(
      readFileSync(join(world.station.dataDir, 'keys', 'database.key'), 'utf8').trim(),
      'hex',
    );
    return openDatabase({ file: join(world.station.dataDir, 'station.db'), key });
  }

  /** Every packet row has its file and exactly its rows; every assigned row has its packet. */
  async function expectConsistent(): Promise<void> {
    const opened = await stationDb();
    try {
      const packets = opened.sqlite
        .prepare('SELECT id, file_name, record_count, state FROM sync_packets')
        .all() as { id: string; file_name: string; record_count: number; state: string }[];
      const outgoing = join(world.station.dataDir, 'outgoing');
      for (const packet of packets) {
        const rows = opened.sqlite
          .prepare('SELECT count(*) FROM outbox WHERE packet_id = ?')
          .pluck()
          .get(packet.id);
        expect(rows).toBe(packet.record_count);
        expect(existsSync(join(outgoing, packet.file_name))).toBe(true);
      }
      const orphans = opened.sqlite
        .prepare(
          'SELECT count(*) FROM outbox WHERE packet_id IS NOT NULL AND packet_id NOT IN (SELECT id FROM sync_packets)',
        )
        .pluck()
        .get();
      expect(orphans).toBe(0);
      const exportedWithoutReceipt = opened.sqlite
        .prepare(
          "SELECT count(*) FROM outbox WHERE exported_at IS NOT NULL AND packet_id NOT IN (SELECT id FROM sync_packets WHERE state = 'receipted')",
        )
        .pluck()
        .get();
      expect(exportedWithoutReceipt).toBe(0);
    } finally {
      await opened.close();
    }
  }

  describe('killing the station in the middle of an export', () => {
    it('leaves a consistent outbox each time, and the next run finishes the job', async () => {
      // Each pass is killed at a seeded choice among the points it announces: three passes while
      // building (packet file, its last chunk, recording it), then three while uploading (each PUT,
      // the commit, marking rows exported). The outcome depends on the seed and the data only,
      // never on how fast the machine is; a pass that ends before its point fails the test.
      const random = seeded(7);
      const killedAt: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const result =
          i < 3
            ? await runChild({ names: BUILD_POINTS, nth: 1 + Math.floor(random() * 6) })
            : await runChild({ names: UPLOAD_POINTS, nth: 1 + Math.floor(random() * 30) });
        killedAt.push(result.killedAt ?? 'none');
        await expectConsistent();
      }
      expect(killedAt).toHaveLength(6);
      // The kills fell both while building packets and while uploading them.
      expect(killedAt.filter((p) => BUILD_POINTS.includes(p))).toHaveLength(3);
      expect(killedAt.filter((p) => UPLOAD_POINTS.includes(p))).toHaveLength(3);
      const finished = await runChild(null);
      expect(finished.killedAt).toBeNull();
      expect(finished.output).toMatch(/^done /m);
      await expectConsistent();

      const opened = await stationDb();
      try {
        const outbox = opened.sqlite.prepare('SELECT id FROM outbox ORDER BY id').pluck().all();
        const pending = opened.sqlite
          .prepare('SELECT count(*) FROM outbox WHERE exported_at IS NULL')
          .pluck()
          .get();
        expect(pending).toBe(0);
        const hubIds = (await world.hub.db.selectFrom('records').select('outbox_id').execute())
          .map((r) => r.outbox_id)
          .sort();
        expect(hubIds).toEqual([...(outbox as string[])].sort());
        expect(await hubCount(world, 'records')).toBe(outbox.length);
      } finally {
        await opened.close();
      }
      // No half-written packet file survives a finished run.
      const names = readdirSync(join(world.station.dataDir, 'outgoing'));
      expect(names.filter((n) => n.endsWith('.part'))).toEqual([]);
    }, 180_000);
  });
});
