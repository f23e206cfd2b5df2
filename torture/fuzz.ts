/**
 * `npm run torture -- fuzz [--calls 10000] [--seed S] [--server FILE]` (issue 13 §2 "Fuzz",
 * station side). --server fuzzes another build of electron/server/main.ts (an older commit's).
 *
 * Starts a real station server process (training data, fresh folder), signs in one socket per role
 * and sends calls over the real WebSocket: arguments generated from each handler's zod schema,
 * often broken on purpose, plus broken envelopes, bad JSON, binary, huge and malformed frames.
 * Passes when the process never dies, no call answers INTERNAL or goes unanswered, and no refused
 * call changes the database (content hash of every table; the legitimate exceptions are listed in
 * torture/lib/fuzz-db.ts). Calls go one at a time, so every database change has one cause.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role } from '../electron/contract';
import { FuzzSocket, RAW_FRAMES, sendRawFrame, type Outcome } from './lib/fuzz-client';
import { diffTables, StationDbWatch, type TableHashes } from './lib/fuzz-db';
import {
  addToPool,
  generate,
  mutate,
  MUTATIONS,
  Rng,
  toWire,
  type ValuePool,
} from './lib/fuzz-gen';
import { collectHandlerSpecs, type HandlerSpec } from './lib/fuzz-schemas';
import { buildStationServer, startStation, type StationProcess } from './lib/fuzz-station';

export interface FuzzOptions {
  calls: number;
  seed: number;
  /** A station server bundle to fuzz instead of one built from this tree (e.g. an older commit's). */
  serverFile?: string | undefined;
  log?: (line: string) => void;
}

export interface FuzzFailure {
  kind: 'crash' | 'internal' | 'no-answer' | 'refusal-changed-db' | 'harness';
  call: string;
  detail: string;
}

export interface FuzzReport {
  seed: number;
  calls: number;
  successes: number;
  refusals: number;
  /** Refusals by error code ('closed' when the server ended the socket, as it should for bad frames). */
  refusalsByCode: Record<string, number>;
  /** Calls by kind: handler (valid or mutated), envelope, bad-json, frame. */
  callsByKind: Record<string, number>;
  /** Handlers that answered OK at least once. */
  handlersReached: number;
  handlers: number;
  failures: FuzzFailure[];
  dbChecks: number;
  /** The slowest calls, for finding what blocks the station. */
  slowest: { ms: number; call: string }[];
  ms: number;
}

const ROLES: Role[] = ['kiosk', 'operator', 'supervisor', 'admin'];
/** Handlers whose success replaces the session of the calling socket. */
const SESSION_CHANGING = new Set([
  'auth-login',
  'auth-setup',
  'auth-logout',
  'auth-lock',
  'station-demo-switch',
]);
/** Account handlers whose ids never go into the pool: the fuzzer must not edit its own accounts. */
const NO_HARVEST = new Set([
  'auth-users-list',
  'auth-users-create',
  'auth-users-update',
  'station-session-get',
]);
const HARVEST_KEYS: Record<string, string> = {
  id: 'id',
  ticketId: 'ticket',
  applicationId: 'application',
  number: 'number',
  check: 'check',
  importId: 'import',
  uid: 'uid',
};

const ACCOUNTS: Record<Exclude<Role, 'kiosk'>, { username: string; pin: string }> = {
  admin: { username: 'fuzz.admin', pin: '582047' },
  supervisor: { username: 'fuzz.supervisor', pin: '603918' },
  operator: { username: 'fuzz.operator', pin: '710364' },
};

/** Broken envelopes: JSON that parses but is not a call. */
function envelopes(rng: Rng, handler: string): string[] {
  const big = 'x'.repeat(rng.pick([100, 70_000, 1_000_000]));
  return [
    'null',
    '[]',
    '"call"',
    '42',
    '{}',
    '{"kind":"call"}',
    `{"kind":"call","id":"1","name":"${handler}","args":{}}`,
    `{"kind":"call","id":1.5,"name":"${handler}","args":{}}`,
    `{"kind":"call","id":1e999,"name":"${handler}","args":{}}`,
    `{"kind":"call","id":-0,"name":"${handler}","args":{}}`,
    `{"kind":"call","id":18014398509481984,"name":"${handler}","args":{}}`,
    `{"kind":"call","id":1,"name":123,"args":{}}`,
    `{"kind":"call","id":1,"name":null,"args":{}}`,
    `{"kind":"call","id":1,"name":["${handler}"],"args":{}}`,
    `{"kind":"call","id":1,"name":"${big}","args":{}}`,
    `{"kind":"call","id":1,"name":"__proto__","args":{}}`,
    `{"kind":"call","id":1,"name":"constructor","args":{}}`,
    `{"kind":"call","id":1,"name":"hasOwnProperty","args":{}}`,
    `{"kind":"call","id":1,"name":"${handler}\\u0000","args":{}}`,
    `{"kind":"call","id":1,"name":"${handler.toUpperCase()}","args":{}}`,
    `{"kind":"call","id":1,"name":"${handler}","args":{},"role":"admin"}`,
    `{"kind":"call","id":1,"name":"${handler}","args":{},"__proto__":{"role":"admin"}}`,
    `{"__proto__":{"kind":"call","id":1,"name":"${handler}","args":{}}}`,
    `{"kind":"call","id":1,"name":"${handler}"}`,
    `{"kind":"call","id":1,"name":"${handler}","args":[]}`,
    `{"kind":"call","id":1,"name":"${handler}","args":"{}"}`,
    `{"kind":"reply","id":1,"result":{"ok":true,"value":1}}`,
    `{"kind":"push","name":"session-changed","payload":{"role":"admin"}}`,
    `{"kind":"call","kind":"push","id":1,"name":"${handler}","args":{}}`,
    `{"kind":"call","id":1,"name":"station-session-get","name":"${handler}","args":{}}`,
    `{"kind":"call","id":1,"name":"${handler}","args":{"a":1,"a":2}}`,
  ];
}

/** Text frames that are not JSON at all. */
function badJson(rng: Rng): string {
  return rng.pick([
    '',
    '{',
    '{"kind":',
    'NaN',
    '{"kind":"call","id":NaN}',
    'undefined',
    "{'kind':'call'}",
    '\ufeff{"kind":"call","id":1,"name":"station-session-get","args":{}}',
    '{"kind":"call","id":1,"name":"station-session-get","args":{},}',
    '\u0000',
    '['.repeat(100_000),
    '['.repeat(50_000) + ']'.repeat(50_000),
    '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
    '1'.repeat(400_000),
    '"' + '\\u'.repeat(1000) + '"',
    '\ud800',
  ]);
}

/** Keys in a success value worth reusing as arguments (ticket ids, application numbers...). */
function harvest(pool: ValuePool, value: unknown, depth = 0): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const poolKey = HARVEST_KEYS[key];
    if (poolKey) {
      addToPool(pool, poolKey, child);
      if (poolKey !== 'id') addToPool(pool, 'id', child);
    }
    if (child && typeof child === 'object') harvest(pool, child, depth + 1);
  }
}

function describeReply(outcome: Outcome): string {
  if (outcome.kind === 'reply') {
    return outcome.reply.ok
      ? 'ok'
      : `${outcome.reply.error?.code}: ${outcome.reply.error?.message}`;
  }
  return outcome.kind === 'closed' ? `closed ${outcome.code} ${outcome.reason}` : 'no answer';
}

/** Runs the fuzzer; never throws for what it finds (those are failures in the report). */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const rng = new Rng(options.seed);
  const specs = await collectHandlerSpecs();
  const serverFile = options.serverFile ?? (await buildStationServer());
  const dataDir = mkdtempSync(join(tmpdir(), 'lm-fuzz-'));
  const station = await startStation(serverFile, dataDir, ['--demo']);
  const report: FuzzReport = {
    seed: options.seed,
    calls: 0,
    successes: 0,
    refusals: 0,
    refusalsByCode: {},
    callsByKind: {},
    handlersReached: 0,
    handlers: specs.length,
    failures: [],
    dbChecks: 0,
    slowest: [],
    ms: 0,
  };
  const reached = new Set<string>();
  /** The last calls before the current one: a crash may come from a frame sent just before. */
  const recent: string[] = [];
  const sockets = new Map<Role, FuzzSocket>();
  let watch: StationDbWatch | null = null;
  try {
    // The administrator first: on a fresh station it sets the station up and makes the others.
    for (const role of ['admin', 'supervisor', 'operator', 'kiosk'] as const) {
      sockets.set(role, await signIn(station, role));
    }
    watch = new StationDbWatch(dataDir);
    const pool = initialPool(watch, specs);
    let baseline: TableHashes = watch.hashes();
    watch.changed();

    for (let i = 0; i < options.calls; i++) {
      const callStarted = performance.now();
      const step = await oneCall(rng, specs, sockets, station, pool);
      const callMs = Math.round(performance.now() - callStarted);
      if (process.env['LM_FUZZ_TRACE'])
        log(`${i} ${callMs} ms ${describeReply(step.outcome)} ${step.label.slice(0, 120)}`);
      report.slowest.push({ ms: callMs, call: step.label.slice(0, 160) });
      report.slowest.sort((a, b) => b.ms - a.ms).splice(5);
      report.calls++;
      report.callsByKind[step.kind] = (report.callsByKind[step.kind] ?? 0) + 1;
      const outcome = step.outcome;
      let succeeded = false;
      if (outcome.kind === 'reply' && outcome.reply.ok) {
        succeeded = true;
        report.successes++;
        if (step.handler) {
          reached.add(step.handler);
          if (!NO_HARVEST.has(step.handler)) harvest(pool, outcome.reply.value);
        }
      } else if (outcome.kind === 'timeout') {
        report.failures.push({ kind: 'no-answer', call: step.label, detail: 'no answer' });
      } else {
        const code =
          outcome.kind === 'closed' ? 'closed' : (outcome.reply.error?.code ?? 'MISSING_CODE');
        if (code === 'INTERNAL') {
          report.failures.push({
            kind: 'internal',
            call: step.label,
            detail: describeReply(outcome),
          });
        } else {
          report.refusals++;
          report.refusalsByCode[code] = (report.refusalsByCode[code] ?? 0) + 1;
        }
      }
      recent.push(step.label.slice(0, 200));
      if (recent.length > 4) recent.shift();
      if (station.isDead()) {
        report.failures.push({
          kind: 'crash',
          call: step.label,
          detail:
            `station process ended (${await station.exited}); the last calls:\n` +
            `${recent.join('\n')}\n${station.output().slice(-3000)}`,
        });
        break;
      }
      if (watch.changed()) {
        if (process.env['LM_FUZZ_TRACE']) log(`  db changed, hashing`);
        report.dbChecks++;
        const after = watch.hashes();
        const changed = diffTables(baseline, after);
        if (!succeeded && changed.length > 0) {
          report.failures.push({
            kind: 'refusal-changed-db',
            call: step.label,
            detail: `${describeReply(outcome)}; tables changed: ${changed.join(', ')}`,
          });
        }
        baseline = after;
      }
      // A session that moved (a fuzzed login, logout or demo switch) or a socket the server closed
      // is replaced by a fresh one, signed in as its role again; that sign-in is the harness's own.
      for (const role of ROLES) {
        const socket = sockets.get(role) as FuzzSocket;
        const moved =
          socket.pushes.includes('session-changed') ||
          (succeeded && step.role === role && SESSION_CHANGING.has(step.handler ?? ''));
        if (socket.isOpen && !moved) continue;
        if (process.env['LM_FUZZ_TRACE']) log(`  signing ${role} in again`);
        await socket.close();
        sockets.set(role, await signIn(station, role));
        if (watch.changed()) baseline = watch.hashes();
      }
      if ((i + 1) % 1000 === 0) {
        log(
          `${i + 1} calls: ${report.successes} ok, ${report.refusals} refused, ${report.failures.length} failures`,
        );
      }
    }
  } catch (error) {
    report.failures.push({
      kind: station.isDead() ? 'crash' : 'harness',
      call: '-',
      detail: `${String((error as Error)?.stack ?? error)}\n${station.output().slice(-3000)}`,
    });
  } finally {
    for (const socket of sockets.values()) await socket.close();
    watch?.close();
    if (!station.isDead()) await station.stop();
    else if (!report.failures.some((f) => f.kind === 'crash')) {
      report.failures.push({ kind: 'crash', call: '-', detail: station.output().slice(-3000) });
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  report.handlersReached = reached.size;
  report.ms = Date.now() - started;
  return report;
}

interface Step {
  kind: string;
  label: string;
  handler?: string;
  role?: Role;
  outcome: Outcome;
}

async function oneCall(
  rng: Rng,
  specs: HandlerSpec[],
  sockets: Map<Role, FuzzSocket>,
  station: StationProcess,
  pool: ValuePool,
): Promise<Step> {
  const roll = rng.next();
  const role = rng.pick(ROLES);
  const socket = sockets.get(role) as FuzzSocket;
  const spec = rng.pick(specs);
  if (roll < 0.74) {
    const args = generate(rng, spec.args, pool);
    const mutation = rng.chance(0.55) ? rng.pick(MUTATIONS) : null;
    const sent = mutation ? mutate(rng, args, mutation) : args;
    const text = toWire(sent);
    return {
      kind: mutation ? 'handler-mutated' : 'handler',
      label: `${role} ${spec.name} ${mutation ?? 'valid'} ${text.slice(0, 300)}`,
      handler: spec.name,
      role,
      outcome: await socket.call(spec.name, text),
    };
  }
  if (roll < 0.9) {
    const text = rng.pick(envelopes(rng, spec.name));
    return {
      kind: 'envelope',
      label: `${role} envelope ${text.slice(0, 200)}`,
      role,
      outcome: await socket.sendText(text),
    };
  }
  if (roll < 0.96) {
    const text = badJson(rng);
    return {
      kind: 'bad-json',
      label: `${role} bad JSON ${text.slice(0, 80)}`,
      role,
      outcome: await socket.sendText(text),
    };
  }
  // Frames on a socket of their own: the server must close it and carry on.
  const choice = rng.int(0, 3);
  if (choice === 0) {
    const own = await FuzzSocket.open(station.url);
    const outcome = await own.sendBinary(
      Buffer.from(toWire({ kind: 'call', id: 1, name: spec.name, args: {} })),
    );
    await own.close();
    return { kind: 'frame', label: 'binary frame', outcome };
  }
  if (choice === 1) {
    const own = await FuzzSocket.open(station.url);
    const size = rng.pick([8 * 1024 * 1024 + 1, 9 * 1024 * 1024]);
    const text = `{"kind":"call","id":1,"name":"station-session-get","args":{"x":"${'x'.repeat(size)}"}}`;
    const outcome = await own.sendText(text);
    await own.close();
    return { kind: 'frame', label: `text frame of ${text.length} bytes`, outcome };
  }
  const names = Object.keys(RAW_FRAMES);
  const name = rng.pick(names);
  const how = await sendRawFrame(station.url, RAW_FRAMES[name] as Buffer);
  const outcome: Outcome =
    how === 'open'
      ? {
          kind: 'reply',
          reply: { ok: false, error: { code: 'IGNORED', message: 'frame ignored' } },
          id: -1,
        }
      : { kind: 'closed', code: 0, reason: how };
  return { kind: 'frame', label: `raw frame ${name}`, outcome };
}

function initialPool(watch: StationDbWatch, specs: HandlerSpec[]): ValuePool {
  const pool: ValuePool = new Map();
  for (const [nik, kk, village] of watch.sample(
    'SELECT nik, kk_number, village_code FROM residents ORDER BY id LIMIT 60',
  ) as [string, string, string][]) {
    addToPool(pool, 'nik', nik);
    addToPool(pool, 'kk', kk);
    addToPool(pool, 'village', village);
    addToPool(pool, 'ref', nik);
  }
  const services = specs.find((s) => s.name === 'desk-inbox')?.args.properties?.['serviceCode']
    ?.enum;
  for (const code of services ?? []) addToPool(pool, 'service', code);
  return pool;
}

function isRateLimited(outcome: Outcome): boolean {
  return (
    outcome.kind === 'reply' && !outcome.reply.ok && outcome.reply.error?.code === 'RATE_LIMITED'
  );
}

/** A fresh socket signed in as `role` (accounts made on first use by the first admin). */
async function signIn(station: StationProcess, role: Role): Promise<FuzzSocket> {
  const socket = await FuzzSocket.open(station.url);
  if (role === 'kiosk') return socket;
  const account = ACCOUNTS[role];
  let login = await socket.call('auth-login', JSON.stringify(account));
  // The fuzzed sign-ins share this address's login budget: wait as long as the station says.
  for (let tries = 0; tries < 20 && isRateLimited(login); tries++) {
    const wait = login.kind === 'reply' ? (login.reply.error?.retryAfterMs ?? 1000) : 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 120_000)));
    login = await socket.call('auth-login', JSON.stringify(account));
  }
  if (login.kind === 'reply' && login.reply.ok) return signedIn(socket);
  if (role !== 'admin') throw new Error(`Sign-in as ${role} failed: ${describeReply(login)}`);
  // First use: set the station up (the first administrator), then create the other accounts.
  // A station that needs a setup code prints it (`SETUP_CODE <code>`) where only its operator
  // sees it: here, the process output the harness reads.
  const codes = [...station.output().matchAll(/^SETUP_CODE (\S+)$/gm)];
  const code = codes.at(-1)?.[1];
  const setup = await socket.call(
    'auth-setup',
    JSON.stringify({ ...account, displayName: 'Fuzz Admin', ...(code ? { code } : {}) }),
  );
  if (setup.kind !== 'reply' || !setup.reply.ok) {
    throw new Error(`First-run setup failed: ${describeReply(setup)}`);
  }
  for (const other of ['operator', 'supervisor'] as const) {
    const made = await socket.call(
      'auth-users-create',
      JSON.stringify({ ...ACCOUNTS[other], displayName: `Fuzz ${other}`, role: other }),
    );
    if (made.kind !== 'reply' || !made.reply.ok) {
      throw new Error(`Creating the ${other} account failed: ${describeReply(made)}`);
    }
  }
  return signedIn(socket);
}

/** The sign-in's own session-changed push is not a change the fuzzer caused. */
function signedIn(socket: FuzzSocket): FuzzSocket {
  socket.pushes.length = 0;
  return socket;
}

export function formatReport(report: FuzzReport): string {
  const lines = [
    `fuzz: seed ${report.seed}, ${report.calls} calls in ${(report.ms / 1000).toFixed(1)} s`,
    `  successes ${report.successes}, refusals ${report.refusals}, failures ${report.failures.length}`,
    `  calls by kind: ${Object.entries(report.callsByKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  refusals by code: ${Object.entries(report.refusalsByCode)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `  handlers answering OK at least once: ${report.handlersReached} of ${report.handlers}`,
    `  database checks after a change: ${report.dbChecks}`,
    `  slowest calls: ${report.slowest.map((s) => `${s.ms} ms ${s.call}`).join('\n    ')}`,
  ];
  const byKind = new Map<string, number>();
  for (const failure of report.failures)
    byKind.set(failure.kind, (byKind.get(failure.kind) ?? 0) + 1);
  if (byKind.size > 0) {
    lines.push(`  failures by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const failure of report.failures.slice(0, 20)) {
      lines.push(`  - ${failure.kind}: ${failure.call}\n      ${failure.detail.slice(0, 1500)}`);
    }
  }
  return lines.join('\n');
}

/** `npm run torture -- fuzz [--calls N] [--seed S]`: exit 0 when nothing failed. */
export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        calls: { type: 'string', default: '10000' },
        seed: { type: 'string' },
        server: { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(
      `${(error as Error).message}\nUsage: npm run torture -- fuzz [--calls N] [--seed S] [--server FILE]`,
    );
    return 2;
  }
  const calls = Number(values.calls);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed);
  if (!Number.isSafeInteger(calls) || calls < 1 || !Number.isSafeInteger(seed)) {
    console.error('--calls and --seed take whole numbers');
    return 2;
  }
  const report = await runFuzz({
    calls,
    seed,
    serverFile: values.server,
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  return report.failures.length === 0 ? 0 : 1;
}
