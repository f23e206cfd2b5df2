import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { seeded } from './cutting-proxy';
import { fillOutbox, hubCount, syncWorld, type SyncWorld } from './sync-fixtures';

const root = fileURLToPath(new URL('../../', import.meta.url));
const childFile = join(root, 'node_modules/.cache/lm-sync-kill/child.mjs');
let world: SyncWorld;

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules/.cache/lm-sync-kill'), { recursive: true });
  await build({
    entryPoints: [join(root, 'electron/hub/export-child.ts')],
    outfile: childFile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  world = await syncWorld();
  await fillOutbox(world, 15, 120);
  await world.closeStation();
});
afterAll(async () => world?.dispose());

/**
 * Runs one sync pass in its own process; kills it with SIGKILL after `killAfter` progress lines
 * (in the upload) or `killMs` after it is ready (anywhere: building, writing, uploading).
 */
function runChild(
  killAfter: number | null,
  killMs: number | null = null,
): Promise<{ killed: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [childFile, world.station.dataDir, world.server.url, join(root, 'resources')],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    let lines = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (killMs !== null && !output.includes('ready') && chunk.toString().includes('ready'))
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), killMs);
      output += chunk.toString();
      lines = output.split('\n').filter((l) => l.startsWith('sent ')).length;
      if (killAfter !== null && lines >= killAfter && child.exitCode === null)
        child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, output });
      else if (code === 0) resolve({ killed: false, output });
      else reject(new Error(`child exited ${code}: ${output}`));
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
    const random = seeded(7);
    let kills = 0;
    for (let i = 0; i < 6; i += 1) {
      const result =
        i % 2 === 0
          ? await runChild(1 + Math.floor(random() * 60))
          : await runChild(null, Math.floor(random() * 300));
      if (result.killed) kills += 1;
      await expectConsistent();
    }
    expect(kills).toBeGreaterThanOrEqual(4);
    const finished = await runChild(null);
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
