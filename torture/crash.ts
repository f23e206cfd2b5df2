/**
 * Crash harness (issue 13 §2): `npm run torture -- crash [--kills N] [--seed S]`. Starts a real
 * station server process, drives it over its WebSocket through the write paths (kiosk submission
 * with photos, desk claim and decision, stock moves, sync to a district hub with receipts, the
 * audit chain) and SIGKILLs it at seeded points: either at an announced point (db/crash-point.ts:
 * a transaction's commit, a packet file, a PUT to the hub, marking rows exported) or after a
 * seeded number of answered calls, with the next call in flight. After every kill it checks the
 * data folder and the restarted station. Never a wall-clock delay: where a kill lands depends on
 * the seed and on what the station announces.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { openStation } from '../electron/core/compose';
import { FileKeyStore } from '../electron/core/key-store.file';
import { systemClock } from '../electron/core/system-ports';
import { systemIds } from '../electron/core/uuid';
import { FakeHidBackend } from '../electron/devices/hid.fake';
import { applyEnrolmentAnswer, enrolmentRequest } from '../electron/core/sync/enrolment';
import { stationKeys } from '../electron/core/sync/station-keys';
import type { Client } from '../electron/transport/client';
import { Hub } from '../electron/hub/hub';
import { startHubServer, type HubServer } from '../electron/hub/server';
import { seeded } from './lib/random';
import { bundleServer, StationProcess, type PointAnswer } from './lib/station-process';
import { connectStation } from './lib/ws-client';

export interface CrashOptions {
  kills: number;
  seed: number;
  root: string;
  log: (line: string) => void;
}

export interface CrashResult {
  kills: number;
  pointKills: number;
  momentKills: number;
  checks: number;
  failures: string[];
  calls: number;
  durationMs: number;
}

/** What the station answered OK, so it must still be there after any crash. */
interface Acknowledged {
  /** Application number → photos sent with it. */
  submissions: Map<string, number>;
  /** Application numbers returned at the desk ('berkas-kurang'). */
  returned: Set<string>;
  /** Stock move notes → delta. */
  stock: Map<string, number>;
  /** Sync passes answered OK. */
  syncs: number;
}

const CONSENT_TEXT_FILE = 'data/consent.json';

export async function runCrash(options: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const random = seeded(options.seed);
  const serverFile = await bundleServer(options.root);
  const dataDir = mkdtempSync(join(tmpdir(), 'lm-torture-station-'));
  const hubDir = mkdtempSync(join(tmpdir(), 'lm-torture-hub-'));
  const hub = await Hub.open({
    dataDir: hubDir,
    keyStore: new FileKeyStore(join(hubDir, 'keys')),
    districtName: 'Disdukcapil Kabupaten Ogan Komering Ilir',
  });
  let hubServer: HubServer | null = null;
  const result: CrashResult = {
    kills: 0,
    pointKills: 0,
    momentKills: 0,
    checks: 0,
    failures: [],
    calls: 0,
    durationMs: 0,
  };
  const acked: Acknowledged = {
    submissions: new Map(),
    returned: new Set(),
    stock: new Map(),
    syncs: 0,
  };
  const check = (what: string, isOk: boolean, detail = ''): void => {
    result.checks += 1;
    if (!isOk) {
      const line = `life ${result.kills + 1}: ${what}${detail ? ` (${detail})` : ''}`;
      result.failures.push(line);
      options.log(`FAIL ${line}`);
    }
  };
  try {
    hubServer = await startHubServer(hub, {});
    await enrol(dataDir, options.root, hub, hubServer.url);
    const consent = consentOf(options.root);
    let operation = 0;
    for (let life = 0; life < options.kills; life += 1) {
      // A seeded kill: at the n-th announced point of this life, or after n answered calls.
      const isPointKill = random() < 0.6;
      const killAfter = 1 + Math.floor(random() * (isPointKill ? 40 : 12));
      let points = 0;
      let isArmed = false;
      let killedAtPoint: string | null = null;
      const onPoint = (name: string): PointAnswer => {
        if (!isArmed || !isPointKill) return 'go';
        points += 1;
        if (points < killAfter) return 'go';
        killedAtPoint = name;
        isArmed = false;
        return 'kill';
      };
      const station = await StationProcess.start(serverFile, dataDir, onPoint);
      const { client, close } = await connectStation(station.url);
      try {
        await checkRunning(client, check);
        expectOk(await client.send('session-demo-switch', { mode: 'officer' }), 'officer');
        isArmed = true;
        let answered = 0;
        for (;;) {
          const kind = pick(random, operation);
          operation += 1;
          const call = perform(kind, client, random, acked, consent, operation, check);
          if (!isPointKill && answered + 1 >= killAfter) {
            // A random moment: the next call is on its way and the process dies under it.
            await station.kill();
            await call.catch(() => {});
            break;
          }
          const isDone = await Promise.race([
            call.then(() => true),
            station.exited.then(() => false),
          ]);
          if (!isDone) break;
          answered += 1;
          result.calls += 1;
        }
      } finally {
        close();
      }
      await station.exited;
      result.kills += 1;
      if (killedAtPoint !== null) result.pointKills += 1;
      else result.momentKills += 1;
      options.log(
        `kill ${result.kills}/${options.kills} ${killedAtPoint ? `at POINT ${killedAtPoint}` : 'at a random moment'}`,
      );
      await checkFolder(dataDir, acked, check);
    }
    // The last restart: the station comes up, verifies its chain and finishes its sync.
    const station = await StationProcess.start(serverFile, dataDir, () => 'go');
    const { client, close } = await connectStation(station.url);
    try {
      await checkRunning(client, check);
      expectOk(await client.send('session-demo-switch', { mode: 'officer' }), 'officer');
      const synced = await client.send('sync-run', {});
      check('a last sync pass succeeds', synced.ok, synced.ok ? '' : synced.error.code);
      const names = readdirSync(join(dataDir, 'outgoing'));
      check(
        'no half-written packet file after a finished pass',
        !names.some((n) => n.endsWith('.part')),
        names.join(' '),
      );
    } finally {
      close();
      await station.kill();
    }
    await checkFolder(dataDir, acked, check);
  } finally {
    await hubServer?.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(hubDir, { recursive: true, force: true });
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/** Creates the training station once and enrols it at the hub (in-process, before any kill). */
async function enrol(dataDir: string, root: string, hub: Hub, hubUrl: string): Promise<void> {
  const ports = {
    clock: systemClock,
    ids: systemIds(systemClock),
    paths: { dataDir, resourcesDir: join(root, 'resources') },
    keyStore: new FileKeyStore(join(dataDir, 'keys')),
    printer: {
      print: () => Promise.reject(new Error('no printer')),
      toPdf: () => Promise.reject(new Error('no printer')),
      list: () => Promise.resolve([]),
    },
    log: { info: () => {}, warn: () => {}, error: () => {} },
    hid: new FakeHidBackend(),
  };
  const station = await openStation(ports, {
    host: 'station-server',
    encrypt: true,
    demo: true,
    versions: { app: 'torture' },
  });
  try {
    const answer = await hub.enrol(
      enrolmentRequest(station.deps, stationKeys(ports.keyStore)),
      hubUrl,
    );
    const applied = await applyEnrolmentAnswer(station.deps, answer);
    if (!applied.ok) throw new Error(`enrolment: ${applied.problem}`);
  } finally {
    await station.close();
  }
}

function consentOf(root: string): { version: string } {
  const file = join(root, 'resources', CONSENT_TEXT_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  throw new Error(`consent text missing: ${file}`);
}

type Kind = 'submit' | 'decide' | 'stock' | 'sync';

function pick(random: () => number, operation: number): Kind {
  // Submissions first so the desk and the sync have something to work on.
  if (operation < 2) return 'submit';
  const r = random();
  if (r < 0.4) return 'submit';
  if (r < 0.65) return 'decide';
  if (r < 0.85) return 'stock';
  return 'sync';
}

function expectOk<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string } },
  what: string,
): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code}`);
  return result.value;
}

/** A JPEG-looking photo of `size` bytes whose content depends on `fill`. */
function jpeg(size: number, fill: number): string {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (fill * 31 + i * 7) & 0xff;
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes.toString('base64');
}

/** One call of the given kind; records what an OK answer promises. */
async function perform(
  kind: Kind,
  client: Client,
  random: () => number,
  acked: Acknowledged,
  consent: { version: string },
  operation: number,
  check: (what: string, isOk: boolean, detail?: string) => void,
): Promise<void> {
  if (kind === 'submit') {
    const photos = [
      { requirementCode: 'kk', fill: operation * 2 },
      { requirementCode: 'surat-kehilangan-polisi', fill: operation * 2 + 1 },
    ].slice(0, 1 + Math.floor(random() * 2));
    const answer = await client.send('kiosk-application-submit', {
      serviceCode: 'ktp-el-hilang',
      fields: {
        'pemohon-nik': '1602054107900001',
        'pemohon-no-kk': '1602051234567890',
        'pemohon-telepon': '081234567890',
      },
      photos: photos.map((p) => ({
        requirementCode: p.requirementCode,
        dataBase64: jpeg(20_000 + Math.floor(random() * 40_000), p.fill),
        width: 1200,
        height: 900,
        takenAt: new Date().toISOString(),
      })),
      consent: { isAccepted: true, version: consent.version, language: 'id' },
    });
    if (answer.ok) acked.submissions.set(answer.value.number, photos.length);
    else if (answer.error.code !== 'DISCONNECTED')
      check('a kiosk submission is answered OK', false, answer.error.code);
    return;
  }
  if (kind === 'decide') {
    const open = [...acked.submissions.keys()].filter((n) => !acked.returned.has(n));
    const number = open[Math.floor(random() * open.length)];
    if (!number) return;
    const inbox = await client.send('desk-inbox', { claim: 'free', offset: 0, limit: 100 });
    const id = inbox.ok ? inbox.value.items.find((i) => i.number === number)?.id : undefined;
    if (!id) return;
    const claimed = await client.send('desk-application-claim', { id });
    if (!claimed.ok) return;
    const decided = await client.send('desk-application-decide', {
      id,
      decision: 'return',
      reason: 'Foto KK kurang jelas, mohon diulang',
    });
    if (decided.ok) acked.returned.add(number);
    return;
  }
  if (kind === 'stock') {
    const note = `torture ${operation}`;
    const count = 1 + Math.floor(random() * 20);
    const answer = await client.send('stock-move', {
      item: 'blanko-ktp-el',
      kind: 'received',
      count,
      note,
    });
    if (answer.ok) acked.stock.set(note, count);
    else if (answer.error.code !== 'DISCONNECTED')
      check('a stock move is answered OK', false, answer.error.code);
    return;
  }
  const synced = await client.send('sync-run', {});
  if (synced.ok) acked.syncs += 1;
  else if (synced.error.code !== 'CONFLICT' && synced.error.code !== 'DISCONNECTED')
    check('a sync pass is answered OK', false, synced.error.code);
}

/** After a restart: the station answers and its audit chain verifies. */
async function checkRunning(
  client: Client,
  check: (what: string, isOk: boolean, detail?: string) => void,
): Promise<void> {
  await client.send('session-demo-switch', { mode: 'officer' });
  const verified = await client.send('audit-verify', {});
  check(
    'the audit chain verifies',
    verified.ok && verified.value.isIntact,
    JSON.stringify(verified),
  );
}

/** With the station down: everything acknowledged is there, nothing half-written is visible. */
async function checkFolder(
  dataDir: string,
  acked: Acknowledged,
  check: (what: string, isOk: boolean, detail?: string) => void,
): Promise<void> {
  const key = Buffer.from(
    readFileSync(join(dataDir, 'keys', 'database.key'), 'utf8').trim(),
    'hex',
  );
  const opened = await openDatabase({ file: join(dataDir, 'station.db'), key });
  const sql = opened.sqlite;
  try {
    const apps = new Map(
      (
        sql.prepare('SELECT id, number, status FROM applications').all() as {
          id: string;
          number: string;
          status: string;
        }[]
      ).map((a) => [a.number, a]),
    );
    const photoCount = sql.prepare(
      'SELECT count(*) FROM application_photos WHERE application_id = ?',
    );
    for (const [number, photos] of acked.submissions) {
      const app = apps.get(number);
      check(`acknowledged application ${number} is present`, app !== undefined);
      if (app)
        check(
          `application ${number} has all its photos`,
          photoCount.pluck().get(app.id) === photos,
        );
    }
    for (const number of acked.returned)
      check(
        `acknowledged return of ${number} is kept`,
        apps.get(number)?.status === 'berkas-kurang',
        apps.get(number)?.status,
      );
    // No application without the photos its submission named (a half-written submission).
    const submits = sql
      .prepare("SELECT aggregate_id, payload FROM outbox WHERE aggregate = 'application'")
      .all() as { aggregate_id: string; payload: string }[];
    for (const row of submits) {
      const named = (JSON.parse(row.payload) as { photos?: unknown[] }).photos?.length ?? 0;
      const stored = photoCount.pluck().get(row.aggregate_id) as number;
      check('every submitted application has the photos its outbox row names', stored >= named);
    }
    const moves = new Map(
      (
        sql
          .prepare("SELECT note, delta FROM stock_movements WHERE note LIKE 'torture %'")
          .all() as { note: string; delta: number }[]
      ).map((m) => [m.note, m.delta]),
    );
    for (const [note, delta] of acked.stock)
      check(`acknowledged stock move "${note}" is in the ledger`, moves.get(note) === delta);
    // Outbox and packets: every packet has its file and exactly its rows; nothing is marked
    // exported without a receipted packet; no outbox row points to a missing packet.
    const packets = sql
      .prepare('SELECT id, file_name, record_count, state FROM sync_packets')
      .all() as { id: string; file_name: string; record_count: number; state: string }[];
    const rowsOf = sql.prepare('SELECT count(*) FROM outbox WHERE packet_id = ?').pluck();
    for (const packet of packets) {
      check(`packet ${packet.id} holds its rows`, rowsOf.get(packet.id) === packet.record_count);
      if (packet.state === 'ready')
        check(
          `ready packet ${packet.id} has its file`,
          existsSync(join(dataDir, 'outgoing', packet.file_name)),
        );
    }
    check(
      'no outbox row points to a missing packet',
      sql
        .prepare(
          'SELECT count(*) FROM outbox WHERE packet_id IS NOT NULL AND packet_id NOT IN (SELECT id FROM sync_packets)',
        )
        .pluck()
        .get() === 0,
    );
    check(
      'nothing is exported without a receipt',
      sql
        .prepare(
          "SELECT count(*) FROM outbox WHERE exported_at IS NOT NULL AND packet_id NOT IN (SELECT id FROM sync_packets WHERE state = 'receipted')",
        )
        .pluck()
        .get() === 0,
    );
  } finally {
    await opened.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { kills: { type: 'string' }, seed: { type: 'string' } },
  });
  const kills = Number(values.kills ?? 200);
  const seed = Number(values.seed ?? 1);
  if (!Number.isSafeInteger(kills) || kills < 1 || !Number.isSafeInteger(seed)) {
    console.error('Usage: npm run torture -- crash [--kills N] [--seed S]');
    return 2;
  }
  const result = await runCrash({ kills, seed, root: process.cwd(), log: (l) => console.log(l) });
  console.log(
    `crash: seed ${seed}, kills ${result.kills} (${result.pointKills} at announced points, ${result.momentKills} at random moments), calls ${result.calls}, checks ${result.checks}, failures ${result.failures.length}, ${(result.durationMs / 1000).toFixed(1)} s`,
  );
  return result.failures.length === 0 && result.kills === kills ? 0 : 1;
}
