/**
 * Crash harness (issue 13 §2): `npm run torture -- crash [--kills N] [--seed S]`. Starts a real
 * station server process, drives it over its WebSocket through the write paths (kiosk submission
 * with photos, desk claim and decision, stock moves, a KIA card print using blanks from the stock
 * ledger, a registry import of a generated extract with its resume or rollback, a KTP-el
 * recording with portrait and signature, sync to a district hub with receipts, the audit chain)
 * and SIGKILLs it at seeded points: either at an announced point (db/crash-point.ts: a
 * transaction's commit, also each chunk of an import and each batch of its rollback, a packet
 * file, a PUT to the hub, marking rows exported) or after a seeded number of answered calls, with
 * the next call in flight. After every kill it checks the data folder and the restarted station.
 * Never a wall-clock delay: where a kill lands depends on the seed and on what the station
 * announces.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import type { ImportStatus, PushEvents } from '../electron/contract';
import { openStation } from '../electron/core/compose';
import { headlessPorts } from '../electron/testing/station';
import { syntheticRecords } from '../electron/core/demo/extract';
import { recordingArgs } from '../electron/testing/recording';
import { EXTRACT_COLUMNS, csvLine, recordFields } from '../electron/core/registry/extract-layout';
import { IMPORT_CHUNK_ROWS } from '../electron/core/registry/import';
import { FileKeyStore } from '../electron/protocol/key-store.file';
import { systemClock } from '../electron/core/system-ports';
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
  /** Kills at announced points, by point name. */
  killsByPoint: Record<string, number>;
  checks: number;
  failures: string[];
  calls: number;
  /** Per write path: operations started, answered OK, and kills while one was in flight. */
  paths: Record<Kind, { calls: number; oks: number; kills: number }>;
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
  /** Print-log ids of KIA prints answered OK. */
  prints: string[];
  /** Recording id → sha-256 of the portrait sent. */
  recordings: Map<string, string>;
  /** Imports whose start was answered OK: never lost, never back to uploading. */
  importsStarted: Set<string>;
  /** Imports seen finished (done) or answered cancelled: they stay so. */
  importsEnded: Map<string, ImportStatus>;
  /** The extract version each begun import uploaded (0 or 1). */
  importVersions: Map<string, 0 | 1>;
  /** The version of the last import seen done; the next import uploads the other one. */
  lastDoneVersion: 0 | 1;
}

/** Residents picked once from the training registry (before any kill). */
interface Subjects {
  /** Children a KIA card is printed for (refs). */
  kia: string[];
  /** Adults not yet recorded, in the order the harness records them (refs). */
  adults: string[];
}

/**
 * The generated district extract, in two versions that differ in every row's birth place: each new
 * import carries the other version than the last finished one, so every row it commits is visible
 * as changed, and a cut-off import shows exactly how far its committed chunks went.
 */
interface Extract {
  versions: [Buffer, Buffer];
  niks: string[];
}

const EXTRACT_PLACES = ['TORTURE SATU', 'TORTURE DUA'] as const;

/** The extract's villages: another kecamatan than the training residents, so no NIK in common. */
const EXTRACT_VILLAGES = ['1602022001', '1602022002'];
/** Two chunks of the importer: a kill can land between them. */
const EXTRACT_RESIDENTS = IMPORT_CHUNK_ROWS + 200;
const REPRINT_REASON = 'Cetak ulang untuk uji ketahanan';

const CONSENT_TEXT_FILE = 'data/consent.json';

export async function runCrash(options: CrashOptions): Promise<CrashResult> {
  const started = performance.now();
  const random = seeded(options.seed);
  const serverFile = await bundleServer(options.root);
  const dataDir = mkdtempSync(join(tmpdir(), 'lm-torture-station-'));
  const hubDir = mkdtempSync(join(tmpdir(), 'lm-torture-hub-'));
  // The station's own temporary files (a killed print's work folder) stay in here.
  const stationTmp = mkdtempSync(join(tmpdir(), 'lm-torture-tmp-'));
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
    killsByPoint: {},
    failures: [],
    calls: 0,
    paths: Object.fromEntries(KINDS.map((k) => [k, { calls: 0, oks: 0, kills: 0 }])) as Record<
      Kind,
      { calls: number; oks: number; kills: number }
    >,
    durationMs: 0,
  };
  const acked: Acknowledged = {
    submissions: new Map(),
    returned: new Set(),
    stock: new Map(),
    syncs: 0,
    prints: [],
    recordings: new Map(),
    importsStarted: new Set(),
    importsEnded: new Map(),
    importVersions: new Map(),
    lastDoneVersion: 1,
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
    const subjects = await enrol(dataDir, options.root, hub, hubServer.url);
    const extract = generateExtract();
    const consent = consentOf(options.root);
    let operation = 0;
    let adultsDone = 0;
    /** What an operation sees of this run, with the station process now up. */
    const contextOf = (client: Client, exited: Promise<unknown>): OperationContext => ({
      client,
      random,
      acked,
      consent,
      operation,
      check,
      subjects,
      extract,
      exited,
      adultsDone,
    });
    for (let life = 0; life < options.kills; life += 1) {
      // A seeded kill: at the n-th announced point of this life, or after n answered calls.
      const isPointKill = random() < 0.6;
      const killAfter = 1 + Math.floor(random() * (isPointKill ? 40 : 12));
      let points = 0;
      let isArmed = false;
      let killedAtPoint: string | null = null;
      let inFlight: Kind | null = null;
      const onPoint = (name: string): PointAnswer => {
        if (!isArmed || !isPointKill) return 'go';
        points += 1;
        if (points < killAfter) return 'go';
        killedAtPoint = name;
        isArmed = false;
        return 'kill';
      };
      const station = await StationProcess.start(serverFile, dataDir, onPoint, stationTmp);
      const { client, close, isOpen } = await connectStation(station.url);
      try {
        await checkRunning(client, check);
        expectOk(await client.send('station-demo-switch', { mode: 'officer' }), 'officer');
        isArmed = true;
        let answered = 0;
        for (;;) {
          const kind = pick(random, operation);
          operation += 1;
          inFlight = kind;
          result.paths[kind].calls += 1;
          const call = perform(kind, contextOf(client, station.exited)).then((outcome) => {
            if (outcome.isOk) result.paths[kind].oks += 1;
            adultsDone = outcome.adultsDone ?? adultsDone;
          });
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
          // The process is dying (killed at a point) and its exit not yet seen: wait for it.
          if (!isOpen()) {
            await station.exited;
            break;
          }
          answered += 1;
          result.calls += 1;
        }
      } finally {
        close();
      }
      await station.exited;
      result.kills += 1;
      if (killedAtPoint !== null) {
        result.pointKills += 1;
        result.killsByPoint[killedAtPoint] = (result.killsByPoint[killedAtPoint] ?? 0) + 1;
      } else result.momentKills += 1;
      if (inFlight) result.paths[inFlight].kills += 1;
      options.log(
        `kill ${result.kills}/${options.kills} ${killedAtPoint ? `at POINT ${killedAtPoint}` : 'at a random moment'} during ${inFlight ?? 'start-up'}`,
      );
      await checkFolder(dataDir, acked, extract, check);
    }
    // The last restart: the station comes up, verifies its chain and finishes its sync.
    const station = await StationProcess.start(serverFile, dataDir, () => 'go', stationTmp);
    const { client, close } = await connectStation(station.url);
    try {
      await checkRunning(client, check);
      expectOk(await client.send('station-demo-switch', { mode: 'officer' }), 'officer');
      const synced = await client.send('sync-run', {});
      check('a last sync pass succeeds', synced.ok, synced.ok ? '' : synced.error.code);
      // An import cut off by the last kill is finished (or rolled back) like any other.
      await importOperation(contextOf(client, station.exited));
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
    await checkFolder(dataDir, acked, extract, check);
  } finally {
    await hubServer?.close();
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(stationTmp, { recursive: true, force: true });
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

/**
 * Creates the training station once and enrols it at the hub (in-process, before any kill);
 * picks the residents the harness prints and records for.
 */
async function enrol(dataDir: string, root: string, hub: Hub, hubUrl: string): Promise<Subjects> {
  const ports = headlessPorts(dataDir, join(root, 'resources'), systemClock);
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
    const refs = (where: string, limit: number) =>
      (
        station.deps.sqlite
          .prepare(
            `SELECT id FROM residents WHERE is_alive = 1 AND citizenship = 'WNI' AND ${where}
             ORDER BY id LIMIT ?`,
          )
          .pluck()
          .all(limit) as number[]
      ).map((id) => `r${id}`);
    const subjects = {
      // Unmarried children well inside the KIA age (0 to 16), and adults well past 17.
      kia: refs("marital_status = 1 AND birth_date > date('now', '-15 years')", 8),
      adults: refs("birth_date < date('now', '-20 years')", 2000),
    };
    if (subjects.kia.length === 0 || subjects.adults.length === 0)
      throw new Error('the training registry has no children or no adults to work with');
    const villages = station.deps.sqlite
      .prepare("SELECT count(*) FROM regions WHERE level = 'village' AND code IN (?, ?)")
      .pluck()
      .get(...EXTRACT_VILLAGES);
    if (villages !== EXTRACT_VILLAGES.length)
      throw new Error(`the extract's villages are not in the region table: ${EXTRACT_VILLAGES}`);
    return subjects;
  } finally {
    await station.close();
  }
}

/** A district extract of two import chunks whose NIKs the training registry does not hold. */
function generateExtract(): Extract {
  const records = [
    ...syntheticRecords({ residents: EXTRACT_RESIDENTS, seed: 13, villageCodes: EXTRACT_VILLAGES }),
  ];
  const version = (place: string) =>
    Buffer.from(
      csvLine(EXTRACT_COLUMNS.map((c) => c.name)) +
        records
          .map((r) =>
            csvLine(recordFields({ ...r, resident: { ...r.resident, birth_place: place } })),
          )
          .join(''),
    );
  return {
    versions: [version(EXTRACT_PLACES[0]), version(EXTRACT_PLACES[1])],
    niks: records.map((r) => r.resident.nik),
  };
}

function consentOf(root: string): { version: string } {
  const file = join(root, 'resources', CONSENT_TEXT_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  throw new Error(`consent text missing: ${file}`);
}

const KINDS = ['submit', 'decide', 'stock', 'print', 'import', 'recording', 'sync'] as const;
type Kind = (typeof KINDS)[number];

/** Every path early (stock before the print that uses it), then a seeded mix. */
const OPENING: readonly Kind[] = ['submit', 'stock', 'stock', 'print', 'recording', 'import'];

function pick(random: () => number, operation: number): Kind {
  const opening = OPENING[operation];
  if (opening) return opening;
  const r = random();
  if (r < 0.24) return 'submit';
  if (r < 0.38) return 'decide';
  if (r < 0.52) return 'stock';
  if (r < 0.64) return 'print';
  if (r < 0.8) return 'recording';
  if (r < 0.9) return 'import';
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

interface OperationContext {
  client: Client;
  random: () => number;
  acked: Acknowledged;
  consent: { version: string };
  operation: number;
  check: (what: string, isOk: boolean, detail?: string) => void;
  subjects: Subjects;
  extract: Extract;
  /** The station process ended: nothing more will be answered or pushed. */
  exited: Promise<unknown>;
  /** How many of `subjects.adults` were recorded or found taken so far. */
  adultsDone: number;
}

interface Outcome {
  /** The operation's write was answered OK. */
  isOk: boolean;
  adultsDone?: number;
}

const STOCK_ITEMS = ['blanko-kia', 'ribbon', 'blanko-ktp-el'] as const;

/** One operation of the given kind; records what an OK answer promises. */
async function perform(kind: Kind, ctx: OperationContext): Promise<Outcome> {
  const { client, random, acked, check, operation } = ctx;
  if (kind === 'submit') {
    const photos = [
      { requirementCode: 'kk', fill: operation * 2 },
      { requirementCode: 'surat-kehilangan-polisi', fill: operation * 2 + 1 },
    ].slice(0, 1 + Math.floor(random() * 2));
    const answer = await client.send('applications-submit', {
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
      consent: { isAccepted: true, version: ctx.consent.version, language: 'id' },
    });
    if (answer.ok) acked.submissions.set(answer.value.number, photos.length);
    else if (answer.error.code !== 'DISCONNECTED')
      check('a kiosk submission is answered OK', false, answer.error.code);
    return { isOk: answer.ok };
  }
  if (kind === 'decide') {
    const open = [...acked.submissions.keys()].filter((n) => !acked.returned.has(n));
    const number = open[Math.floor(random() * open.length)];
    if (!number) return { isOk: false };
    const inbox = await client.send('desk-inbox', { claim: 'free', offset: 0, limit: 100 });
    const id = inbox.ok ? inbox.value.items.find((i) => i.number === number)?.id : undefined;
    if (!id) return { isOk: false };
    const claimed = await client.send('desk-application-claim', { id });
    if (!claimed.ok) return { isOk: false };
    const decided = await client.send('desk-application-decide', {
      id,
      decision: 'return',
      reason: 'Foto KK kurang jelas, mohon diulang',
    });
    if (decided.ok) acked.returned.add(number);
    return { isOk: decided.ok };
  }
  if (kind === 'stock') {
    const note = `torture ${operation}`;
    // The opening receives a box of KIA blanks and ribbon (operations 2 and 3) for the prints.
    const isOpening = operation <= 3;
    const count = isOpening ? 50 : 1 + Math.floor(random() * 20);
    const item = isOpening
      ? (STOCK_ITEMS[operation - 2] ?? 'blanko-kia')
      : (STOCK_ITEMS[Math.floor(random() * STOCK_ITEMS.length)] ?? 'ribbon');
    const answer = await client.send('stock-move', { item, kind: 'received', count, note });
    if (answer.ok) acked.stock.set(note, count);
    else if (answer.error.code !== 'DISCONNECTED')
      check('a stock move is answered OK', false, answer.error.code);
    return { isOk: answer.ok };
  }
  if (kind === 'print') return printOperation(ctx);
  if (kind === 'recording') return recordingOperation(ctx);
  if (kind === 'import') return importOperation(ctx);
  const synced = await client.send('sync-run', {});
  if (synced.ok) acked.syncs += 1;
  else if (synced.error.code !== 'CONFLICT' && synced.error.code !== 'DISCONNECTED')
    check('a sync pass is answered OK', false, synced.error.code);
  return { isOk: synced.ok };
}

/** A KIA card for a child: one blank and one ribbon print per copy leave the stock. */
async function printOperation(ctx: OperationContext): Promise<Outcome> {
  const { client, random, acked, check, subjects } = ctx;
  const ref = subjects.kia[Math.floor(random() * subjects.kia.length)] ?? '';
  const answer = await client.send('print-run', {
    kind: 'kia',
    subject: { residentRef: ref },
    copies: 1 + Math.floor(random() * 2),
    // Any copy printed before (also one whose answer a kill took) makes this a reprint.
    reprintReason: REPRINT_REASON,
  });
  if (answer.ok) acked.prints.push(...answer.value.logIds);
  // CONFLICT: too few blanks on hand (a receipt of them may have died with the process).
  else if (answer.error.code !== 'DISCONNECTED' && answer.error.code !== 'CONFLICT')
    check('a KIA print is answered OK', false, JSON.stringify(answer.error));
  return { isOk: answer.ok };
}

/** A KTP-el recording of the next adult not yet recorded: portrait, signature, biometrics. */
async function recordingOperation(ctx: OperationContext): Promise<Outcome> {
  const { client, acked, check, subjects } = ctx;
  let adultsDone = ctx.adultsDone;
  const ref = subjects.adults[adultsDone];
  if (!ref) return { isOk: false };
  const subject = { residentRef: ref };
  const judged = await client.send('recording-eligibility', { subject });
  if (!judged.ok) return { isOk: false };
  // Recorded already: a kill took the answer of a recording that was committed.
  if (!judged.value.isEligible) return { isOk: false, adultsDone: adultsDone + 1 };
  const args = recordingArgs(subject, judged.value.background);
  const created = await client.send('recording-create', args);
  if (created.ok) {
    const sha = createHash('sha256')
      .update(Buffer.from(args.portrait.jpegBase64, 'base64'))
      .digest('hex');
    acked.recordings.set(created.value.id, sha);
    adultsDone += 1;
  } else if (created.error.code !== 'DISCONNECTED')
    check('a recording is answered OK', false, JSON.stringify(created.error));
  return { isOk: created.ok, adultsDone };
}

const ENDED: ReadonlySet<ImportStatus> = new Set(['done', 'cancelled', 'failed']);

/**
 * The registry import: an import cut off by a kill is resumed or rolled back (seeded), else the
 * extract is uploaded and imported anew. Either way the harness waits, on the import's progress
 * pushes, until it has ended.
 */
async function importOperation(ctx: OperationContext): Promise<Outcome> {
  const { client, random, acked, check, extract } = ctx;
  const list = await client.send('registry-import-list', { limit: 200 });
  if (!list.ok) return { isOk: false };
  const cut = list.value.find((i) => i.status === 'interrupted');
  let importId: string;
  if (cut) {
    importId = cut.importId;
    const isResume = random() < 0.6;
    const resumed = isResume
      ? await client.send('registry-import-start', { importId })
      : { ok: false as const, error: { code: 'CONFLICT' } };
    // Not resumed: rolled back (a rollback that was itself cut off can only be finished).
    if (!resumed.ok && resumed.error.code === 'CONFLICT') {
      const cancelled = await client.send('registry-import-cancel', { importId });
      if (cancelled.ok) {
        acked.importsEnded.set(importId, cancelled.value.status);
        check(
          'a cancelled import is rolled back',
          cancelled.value.status === 'cancelled',
          cancelled.value.status,
        );
      } else if (cancelled.error.code !== 'DISCONNECTED')
        check('a cut-off import is cancelled', false, JSON.stringify(cancelled.error));
      return { isOk: cancelled.ok };
    }
    if (!resumed.ok) {
      if (resumed.error.code !== 'DISCONNECTED')
        check('a cut-off import resumes', false, JSON.stringify(resumed.error));
      return { isOk: false };
    }
  } else {
    const version = acked.lastDoneVersion === 0 ? 1 : 0;
    const bytes = extract.versions[version];
    const begun = await client.send('registry-import-begin', {
      fileName: 'torture-extract.csv',
      sizeBytes: bytes.length,
    });
    if (!begun.ok) return { isOk: false };
    importId = begun.value.importId;
    acked.importVersions.set(importId, version);
    for (let offset = 0; offset < bytes.length; offset += begun.value.chunkBytes) {
      const sent = await client.send('registry-import-chunk', {
        importId,
        offset,
        dataBase64: bytes.subarray(offset, offset + begun.value.chunkBytes).toString('base64'),
      });
      if (!sent.ok) return { isOk: false };
    }
  }
  const ended = await untilImportEnds(ctx, importId, async () => {
    if (cut) return { ok: true };
    const started = await client.send('registry-import-start', { importId });
    if (started.ok) acked.importsStarted.add(importId);
    else if (started.error.code !== 'DISCONNECTED')
      check('an uploaded import starts', false, JSON.stringify(started.error));
    return started;
  });
  if (!ended) return { isOk: false };
  acked.importsEnded.set(importId, ended);
  const version = acked.importVersions.get(importId);
  if (ended === 'done' && version !== undefined) acked.lastDoneVersion = version;
  check('an import runs to its end', ended === 'done', ended);
  return { isOk: ended === 'done' };
}

/**
 * Runs `start`, then looks at the import's status after each of its progress pushes (the last
 * push comes after the import has ended and is audited) until it has ended; null when the
 * station went away first.
 */
async function untilImportEnds(
  ctx: OperationContext,
  importId: string,
  start: () => Promise<{ ok: boolean }>,
): Promise<ImportStatus | null> {
  let pushes = 0;
  let wake: (() => void) | null = null;
  const stop = ctx.client.listen('progress', (p: PushEvents['progress']) => {
    if (p.taskId !== importId) return;
    pushes += 1;
    wake?.();
  });
  const gone = ctx.exited.then(() => 'gone' as const);
  try {
    if (!(await start()).ok) return null;
    for (;;) {
      const seen = pushes;
      const list = await ctx.client.send('registry-import-list', { limit: 200 });
      if (!list.ok) return null;
      const status = list.value.find((i) => i.importId === importId)?.status;
      if (status && ENDED.has(status)) return status;
      const next = new Promise<'push'>((resolve) => {
        wake = () => resolve('push');
        if (pushes > seen) resolve('push');
      });
      if ((await Promise.race([next, gone])) === 'gone') return null;
    }
  } finally {
    stop();
  }
}

/** After a restart: the station answers and its audit chain verifies. */
async function checkRunning(
  client: Client,
  check: (what: string, isOk: boolean, detail?: string) => void,
): Promise<void> {
  await client.send('station-demo-switch', { mode: 'officer' });
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
  extract: Extract,
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
    checkPrints(sql, acked, check);
    checkRecordings(sql, acked, check);
    checkImports(sql, acked, extract, check);
  } finally {
    await opened.close();
  }
}

type Sql = Awaited<ReturnType<typeof openDatabase>>['sqlite'];
type Check = (what: string, isOk: boolean, detail?: string) => void;

/** Print log and stock ledger agree: each card print used exactly its blanks, no more, no less. */
function checkPrints(sql: Sql, acked: Acknowledged, check: Check): void {
  const logged = new Set(sql.prepare('SELECT id FROM print_log').pluck().all() as string[]);
  for (const id of acked.prints)
    check(`acknowledged print copy ${id} is in the print log`, logged.has(id));
  const runs = sql
    .prepare(
      `SELECT run_id, count(*) AS copies,
         (SELECT count(*) FROM print_archive a WHERE a.run_id = l.run_id) AS archived
       FROM print_log l WHERE kind IN ('kia', 'ktp-el') GROUP BY run_id`,
    )
    .all() as { run_id: string; copies: number; archived: number }[];
  const usedOf = sql.prepare(
    "SELECT item, delta FROM stock_movements WHERE kind = 'used' AND print_run_id = ? ORDER BY item",
  );
  for (const run of runs) {
    check(`card print ${run.run_id} has its PDF in the archive`, run.archived === 1);
    const used = usedOf.all(run.run_id) as { item: string; delta: number }[];
    check(
      `card print ${run.run_id} used one blank and one ribbon print per copy`,
      used.length === 2 &&
        used.every((u) => u.delta === -run.copies) &&
        used.some((u) => u.item === 'ribbon'),
      JSON.stringify(used),
    );
  }
  check(
    'no blanks used for a print that is not in the print log',
    sql
      .prepare(
        "SELECT count(*) FROM stock_movements WHERE kind = 'used' AND (print_run_id IS NULL OR print_run_id NOT IN (SELECT run_id FROM print_log))",
      )
      .pluck()
      .get() === 0,
  );
  const levels = sql
    .prepare('SELECT item, sum(delta) AS level FROM stock_movements GROUP BY item')
    .all() as { item: string; level: number }[];
  for (const { item, level } of levels)
    check(`stock of ${item} is not below zero`, level >= 0, String(level));
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

/** Every recording is whole: its portrait (the bytes of its hash), signature, event and outbox row. */
function checkRecordings(sql: Sql, acked: Acknowledged, check: Check): void {
  const rows = sql
    .prepare(
      `SELECT r.id, r.portrait_jpeg, r.portrait_sha256, r.signature_png,
         (SELECT count(*) FROM recording_events e WHERE e.recording_id = r.id) AS events,
         (SELECT count(*) FROM outbox o WHERE o.aggregate = 'recording' AND o.aggregate_id = r.id)
           AS outbox
       FROM recordings r`,
    )
    .all() as {
    id: string;
    portrait_jpeg: Buffer;
    portrait_sha256: string;
    signature_png: Buffer;
    events: number;
    outbox: number;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const [id, sha] of acked.recordings)
    check(
      `acknowledged recording ${id} is present with the portrait sent`,
      byId.get(id)?.portrait_sha256 === sha,
    );
  for (const r of rows) {
    const jpegSha = createHash('sha256').update(r.portrait_jpeg).digest('hex');
    check(
      `recording ${r.id} has its portrait`,
      r.portrait_jpeg.length > 0 && jpegSha === r.portrait_sha256,
    );
    check(`recording ${r.id} has its signature`, r.signature_png.subarray(0, 4).equals(PNG_MAGIC));
    check(`recording ${r.id} has its first event and outbox row`, r.events >= 1 && r.outbox >= 1);
  }
}

/**
 * The import is never half-visible. Every import carries the other extract version than the one
 * before it, so the extract's residents show: all the version of the last done import (none before
 * any); while one is cut off, exactly the rows of its committed chunks in its own version; after a
 * rollback, the version before it again. A rollback cut off may have undone part (the import shows
 * as interrupted, to be cancelled again).
 */
function checkImports(sql: Sql, acked: Acknowledged, extract: Extract, check: Check): void {
  const imports = sql
    .prepare(
      'SELECT id, status, records_done, rows_accepted FROM registry_imports ORDER BY finished_at',
    )
    .all() as { id: string; status: string; records_done: number; rows_accepted: number }[];
  const byId = new Map(imports.map((i) => [i.id, i]));
  for (const id of acked.importsStarted)
    check(
      `started import ${id} is kept`,
      ['running', 'interrupted', 'rolling_back', 'done', 'cancelled'].includes(
        byId.get(id)?.status ?? '',
      ),
      byId.get(id)?.status,
    );
  for (const [id, status] of acked.importsEnded)
    check(`ended import ${id} stays ${status}`, byId.get(id)?.status === status);
  const undoOf = sql
    .prepare('SELECT count(*) FROM registry_import_undo WHERE import_id = ?')
    .pluck();
  const all = extract.niks.length;
  for (const i of imports) {
    if (i.status === 'done' || i.status === 'cancelled')
      check(`ended import ${i.id} keeps no undo rows`, undoOf.get(i.id) === 0);
    if (i.status === 'done')
      check(
        `done import ${i.id} read every row`,
        i.records_done === all && i.rows_accepted === all,
      );
    if (i.status === 'running')
      check(
        `cut-off import ${i.id} stopped at a chunk boundary`,
        i.records_done % IMPORT_CHUNK_ROWS === 0 || i.records_done === all,
        String(i.records_done),
      );
  }
  const shown = new Map(
    (
      sql
        .prepare(
          `SELECT birth_place, count(*) AS n FROM residents
           WHERE nik IN (SELECT value FROM json_each(?)) GROUP BY birth_place`,
        )
        .all(JSON.stringify(extract.niks)) as { birth_place: string; n: number }[]
    ).map((r) => [r.birth_place, r.n]),
  );
  const present = [...shown.values()].reduce((a, b) => a + b, 0);
  const placeOf = (id: string | undefined) => {
    const version = id === undefined ? undefined : acked.importVersions.get(id);
    return version === undefined ? null : EXTRACT_PLACES[version];
  };
  const lastDone = imports.filter((i) => i.status === 'done').at(-1);
  const base = placeOf(lastDone?.id);
  const live = imports.filter((i) => ['running', 'interrupted', 'rolling_back'].includes(i.status));
  check('at most one import is unfinished', live.length <= 1, live.map((i) => i.id).join(' '));
  const [cut] = live;
  const cutPlace = placeOf(cut?.id);
  const detail = `${JSON.stringify([...shown])}, last done ${base}, cut ${cut?.status} ${cutPlace} ${cut?.records_done}`;
  if (lastDone && !base) {
    check('the last done import is one the harness began', false, lastDone.id);
    return;
  }
  if (cut && cutPlace && cutPlace !== base) {
    const inCut = shown.get(cutPlace) ?? 0;
    const isWhole =
      cut.status === 'rolling_back' ? inCut <= cut.rows_accepted : inCut === cut.rows_accepted;
    check(
      'a cut-off import shows exactly the rows of its committed chunks, the rest as before',
      isWhole &&
        present === (base ? all : inCut) &&
        (!base || (shown.get(base) ?? 0) === all - inCut),
      detail,
    );
  } else if (base)
    check('the extract shows the last done import, whole', shown.get(base) === all, detail);
  else check('no import done: none of the extract is visible', present === 0, detail);
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
  console.log(
    `kills by point: ${Object.entries(result.killsByPoint)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}`,
  );
  for (const [kind, p] of Object.entries(result.paths))
    console.log(
      `${kind}: ${p.calls} operations, ${p.oks} answered OK, ${p.kills} killed in flight`,
    );
  return result.failures.length === 0 && result.kills === kills ? 0 : 1;
}
