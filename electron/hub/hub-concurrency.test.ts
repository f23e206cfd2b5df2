import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertUpdate, updatesAfter } from '../../db/queries/hub-updates';
import { PacketWriter } from '../protocol/packet/writer';
import { HUB_BACKENDS } from '../testing/hub';
import { syncWorld, type SyncWorld } from '../testing/sync';

/**
 * What SQLite gave the hub for free by running one transaction at a time, kept on PostgreSQL,
 * where commits run side by side (docs/decisions.md, "Hub on two databases"): a record stored
 * exactly once by its outbox id whichever packet brings it, and a feed whose numbers become
 * visible in order, so a station's cursor never steps over an update that commits late.
 */
describe.each(HUB_BACKENDS)('hub on %s: commits at the same time', (backend) => {
  let world: SyncWorld;
  let dir: string;
  beforeEach(async () => {
    world = await syncWorld(backend);
    dir = mkdtempSync(join(tmpdir(), 'lm-concurrent-'));
  });
  afterEach(async () => {
    await world.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A packet file of the world's station carrying `records` (seq, outbox id). */
  async function packetWith(records: { seq: number; id: string }[]): Promise<string> {
    const packetId = randomUUID();
    const path = join(dir, `${packetId}.lmp`);
    const writer = await PacketWriter.create(path, {
      packetId,
      unitId: world.station.deps.unit.unit_id,
      createdAt: world.station.deps.ports.clock.now().toISOString(),
      signing: world.keys.signing,
      recipientPublicKey: world.hub.keys.encryption.publicRaw,
    });
    const lines = records.map((r) =>
      JSON.stringify({
        id: r.id,
        seq: r.seq,
        aggregate: 'application-activity',
        aggregateId: `activity-${r.seq}`,
        op: 'upsert',
        at: '2026-12-08T01:00:00.000Z',
        data: { step: 'check', note: `line ${r.seq}`, name: 'Petugas Uji' },
      }),
    );
    await writer.addEntry('records-0001.jsonl', Buffer.from(lines.join('\n') + '\n'));
    const seqs = records.map((r) => r.seq);
    await writer.finish({
      fromSeq: Math.min(...seqs),
      toSeq: Math.max(...seqs),
      count: records.length,
    });
    return path;
  }

  it('packets that carry the same records, committed at once, store every record once', async () => {
    const all = Array.from({ length: 60 }, (_, i) => ({ seq: i + 1, id: randomUUID() }));
    // Four packets over overlapping ranges: 1-30, 11-40, 21-50, 31-60.
    const files = await Promise.all(
      [0, 10, 20, 30].map((from) => packetWith(all.slice(from, from + 30))),
    );
    const results = await Promise.all(files.map((file) => world.hub.importFile(file)));
    for (const result of results) {
      expect(result).toMatchObject({ ok: true, isDuplicate: false });
      if (result.ok) expect(result.receipt.accepted).toHaveLength(30);
    }
    const stored = await world.hub.db
      .selectFrom('records')
      .select(['outbox_id', 'seq'])
      .orderBy('seq')
      .execute();
    expect(stored).toEqual(all.map((r) => ({ outbox_id: r.id, seq: r.seq })));
    const packets = await world.hub.db
      .selectFrom('packets')
      .select('state')
      .where('state', '=', 'committed')
      .execute();
    expect(packets).toHaveLength(4);
  });

  it('an update numbered first but committed last is never stepped over by a pull', async () => {
    const unitId = world.station.deps.unit.unit_id;
    const update = (subjectId: string) => ({
      unit_id: unitId,
      kind: 'recording-status' as const,
      subject_id: subjectId,
      payload: '{"status":"terkirim"}',
      created_at: '2026-12-08T01:00:00.000Z',
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted: () => void = () => {};
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    // The first writer queues its update and keeps its transaction open.
    const first = world.hub.db.transaction().execute(async (trx) => {
      await insertUpdate(trx, update('first'));
      inserted();
      await held;
    });
    await hasInserted;
    // The second writer queues one while the first is still open.
    const second = insertUpdate(world.hub.db, update('second'));
    if (backend === 'postgres') {
      // It waits for the first writer's commit (the feed's lock)...
      const waiter = { isDone: false };
      const outcome = await Promise.race([
        second.then(() => 'committed while the first was open'),
        waitForLockWaiter(waiter).then(() => 'waits'),
      ]);
      waiter.isDone = true;
      if (outcome !== 'waits') release();
      expect(outcome).toBe('waits');
      // ...so a pull meanwhile sees neither, rather than the second alone.
      expect(await updatesAfter(world.hub.db, unitId, 0, 10)).toEqual([]);
    }
    release();
    await Promise.all([first, second]);
    const feed = await updatesAfter(world.hub.db, unitId, 0, 10);
    expect(feed.map((u) => u.subject_id)).toEqual(['first', 'second']);
    expect(feed.map((u) => typeof u.seq)).toEqual(['number', 'number']);
  });

  /** Until a PostgreSQL session of this database waits on an advisory lock (or told to stop). */
  async function waitForLockWaiter(waiter: { isDone: boolean }): Promise<void> {
    while (!waiter.isDone) {
      const { rows } = await sql<{ n: number }>`
        select count(*) as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'
          and wait_event = 'advisory'`.execute(world.hub.db);
      if (Number(rows[0]?.n) > 0) return;
    }
  }
});
