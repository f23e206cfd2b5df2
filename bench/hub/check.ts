import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { HUB_DB_FILE, openHubDatabase } from '../../db/open-hub';
import { FileKeyStore } from '../../electron/protocol/key-store.file';
import { msSince } from '../lib/stats';
import type { Plan } from './generate';

/**
 * After a run (not timed, the hub process has ended): the hub's database opened again and held
 * to what was sent. Every record stored exactly once by outbox id, under its own unit; every
 * photo stored, its bytes read back and hashed; every packet committed, none refused; the audit
 * anchors unflagged; the work queue with one row per application.
 */
export interface CheckJob {
  dataDir: string;
  keysDir: string;
  databaseUrl: string | null;
  planFile: string;
}

export interface CheckResult {
  expectedRecords: number;
  records: number;
  distinctOutboxIds: number;
  missingRecords: number;
  unexpectedRecords: number;
  wrongUnit: number;
  expectedAttachments: number;
  attachments: number;
  missingAttachments: number;
  wrongSize: number;
  /** Attachments whose stored bytes hash to their name. */
  bytesVerified: number;
  expectedPackets: number;
  packetsCommitted: number;
  packetsNotCommitted: number;
  refusals: number;
  anchors: number;
  flaggedAnchors: number;
  workQueue: number;
  stations: number;
  /** hub.db + WAL on SQLite, pg_database_size on PostgreSQL. */
  databaseBytes: number;
  /** SQLite's or PostgreSQL's version. */
  engine: string;
  seconds: number;
}

const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

export async function checkPhase(job: CheckJob): Promise<CheckResult> {
  const started = process.hrtime.bigint();
  const plan = JSON.parse(readFileSync(job.planFile, 'utf8')) as Plan;
  const opened = await openHubDatabase({
    dataDir: job.dataDir,
    key: job.databaseUrl ? null : new FileKeyStore(job.keysDir).loadOrCreate('database'),
    databaseUrl: job.databaseUrl,
  });
  const { db } = opened;
  try {
    const expected = new Map(plan.records.map((r) => [r.id, r.unitId]));
    const stored = await db.selectFrom('records').select(['outbox_id', 'unit_id']).execute();
    const distinct = await db
      .selectFrom('records')
      .select((eb) => eb.fn.count<number>('outbox_id').distinct().as('n'))
      .executeTakeFirst();
    const seen = new Set(stored.map((r) => r.outbox_id));
    const sizes = new Map(plan.attachments.map((a) => [a.sha256, a.size]));
    const attachmentRows = await db.selectFrom('attachments').select(['sha256', 'size']).execute();
    const storedSizes = new Map(attachmentRows.map((a) => [a.sha256, Number(a.size)]));

    // Every photo's bytes, read back from the database in batches and hashed.
    let bytesVerified = 0;
    let after = '';
    for (;;) {
      const batch = await db
        .selectFrom('attachments')
        .select(['sha256', 'data'])
        .where('sha256', '>', after)
        .orderBy('sha256')
        .limit(64)
        .execute();
      if (batch.length === 0) break;
      for (const row of batch)
        if (row.data && createHash('sha256').update(row.data).digest('hex') === row.sha256)
          bytesVerified += 1;
      after = (batch[batch.length - 1] as { sha256: string }).sha256;
    }

    const packets = await db
      .selectFrom('packets')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const committed = count(packets.find((p) => p.state === 'committed'));
    const allPackets = packets.reduce((sum, p) => sum + count(p), 0);
    const single = async (
      query: Promise<{ n: number | string | bigint } | undefined>,
    ): Promise<number> => count(await query);
    const refusals = await single(
      db
        .selectFrom('refusals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const anchors = await single(
      db
        .selectFrom('audit_anchors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const flaggedAnchors = await single(
      db
        .selectFrom('audit_anchors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('flag', 'is not', null)
        .executeTakeFirst(),
    );
    const workQueue = await single(
      db
        .selectFrom('office_applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    const stations = await single(
      db
        .selectFrom('stations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    let databaseBytes = 0;
    let engine: string;
    if (job.databaseUrl) {
      const size = await sql<{
        n: string;
      }>`select pg_database_size(current_database()) as n`.execute(db);
      databaseBytes = Number(size.rows[0]?.n ?? 0);
      const version = await sql<{
        v: string;
      }>`select current_setting('server_version') as v`.execute(db);
      engine = `PostgreSQL ${version.rows[0]?.v.split(' ')[0] ?? '?'}`;
    } else {
      const version = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
      engine = `SQLite ${version.rows[0]?.v ?? '?'}`;
      for (const file of [HUB_DB_FILE, `${HUB_DB_FILE}-wal`]) {
        const path = join(job.dataDir, file);
        if (existsSync(path)) databaseBytes += statSync(path).size;
      }
    }
    return {
      expectedRecords: expected.size,
      records: stored.length,
      distinctOutboxIds: count(distinct),
      missingRecords: [...expected.keys()].filter((id) => !seen.has(id)).length,
      unexpectedRecords: stored.filter((r) => !expected.has(r.outbox_id)).length,
      wrongUnit: stored.filter(
        (r) => expected.has(r.outbox_id) && expected.get(r.outbox_id) !== r.unit_id,
      ).length,
      expectedAttachments: sizes.size,
      attachments: attachmentRows.length,
      missingAttachments: [...sizes.keys()].filter((sha) => !storedSizes.has(sha)).length,
      wrongSize: [...sizes].filter(
        ([sha, size]) => storedSizes.has(sha) && storedSizes.get(sha) !== size,
      ).length,
      bytesVerified,
      expectedPackets: plan.stations.reduce((sum, s) => sum + s.packets.length, 0),
      packetsCommitted: committed,
      packetsNotCommitted: allPackets - committed,
      refusals,
      anchors,
      flaggedAnchors,
      workQueue,
      stations,
      databaseBytes,
      engine,
      seconds: msSince(started) / 1000,
    };
  } finally {
    await opened.close();
  }
}
