import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Result } from '../../electron/contract';
import { loadConsent } from '../../electron/core/applications/consent';
import type { Station } from '../../electron/core/compose';
import { LOAD_TEST_LIMITS } from '../../electron/core/limits/settings';
import { seeded } from '../../electron/core/seeded-random';
import { memoryPair } from '../../electron/transport/memory-pair';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import { describeMachine, loadNow } from '../lib/machine';
import { openBenchStation } from '../lib/station';
import { latency, type Latency } from '../lib/stats';
import {
  attributeRss,
  judgeMemory,
  type RssAttribution,
  toMemorySample,
  type MemorySample,
  type MemoryVerdict,
  type Sample,
} from './memory';
import type { MemoryReport } from '../../electron/server/memory-report';
import { parseOptions, type LoadBenchOptions } from './options';
import {
  runDesk,
  runKiosk,
  type CallRecord,
  type ClientContext,
  type Fixture,
  type Link,
} from './workload';

/**
 * The load bench (issue 13 §2), run by bench/run.mjs as dist/bench/load.mjs: kiosks and desks on
 * one station server process over real WebSockets for --minutes, after the same clients through
 * an in-process dispatcher as the baseline. See bench/README.md, "load".
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function log(message: string): void {
  console.log(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

interface RunFigures {
  seconds: number;
  calls: number;
  callsPerSecond: number;
  errors: number;
  /** The first errors, for the log. */
  errorSamples: string[];
  byHandler: Record<string, Latency & { errors: number }>;
}

/** Real residents (NIK + current No. KK) and names to search, read before the run. */
function readFixture(station: Station): Fixture {
  const pairs = station.deps.sqlite
    .prepare('SELECT nik, kk_number AS kk FROM residents WHERE is_alive = 1 ORDER BY nik LIMIT 500')
    .all() as { nik: string; kk: string }[];
  const names = (
    station.deps.sqlite
      .prepare('SELECT name FROM residents ORDER BY nik LIMIT 200')
      .pluck()
      .all() as string[]
  ).map((name) => name.split(' ').slice(0, 2).join(' '));
  const consentVersion = loadConsent(join(ROOT, 'resources')).version;
  if (pairs.length === 0) throw new Error('The training station has no residents');
  return { pairs, names, consentVersion };
}

/** Runs `clients` against links made by `connect` for `seconds`; returns every call. */
async function drive(
  options: LoadBenchOptions,
  fixture: Fixture,
  seconds: number,
  connect: (index: number) => Promise<Link>,
): Promise<{ records: CallRecord[]; seconds: number }> {
  const random = seeded(options.seed);
  const kiosks = Math.min(
    options.clients - 1,
    Math.max(1, Math.round(options.clients * options.kioskShare)),
  );
  const desks = options.clients - kiosks;
  const records: CallRecord[] = [];
  const started = Date.now();
  const until = started + seconds * 1000;
  const ctx: ClientContext = {
    fixture,
    isDone: () => Date.now() >= until,
    record: (call) => records.push(call),
    random,
    photoBytes: options.photoBytes,
  };
  const links = await Promise.all(
    Array.from({ length: options.clients }, (_, index) => connect(index)),
  );
  await Promise.all(
    links.map((link, index) =>
      index < kiosks
        ? runKiosk(link, ctx, options.kioskCycleMs)
        : runDesk(link, ctx, { index: index - kiosks, of: desks, thinkMs: options.deskThinkMs }),
    ),
  );
  return { records, seconds: (Date.now() - started) / 1000 };
}

function figures(records: CallRecord[], seconds: number): RunFigures {
  const byName = new Map<string, CallRecord[]>();
  for (const record of records) {
    byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  }
  const byHandler: RunFigures['byHandler'] = {};
  for (const [name, calls] of [...byName].sort((a, b) => a[0].localeCompare(b[0]))) {
    byHandler[name] = {
      ...latency(calls.map((c) => c.ms)),
      errors: calls.filter((c) => !c.ok).length,
    };
  }
  const errors = records.filter((r) => !r.ok);
  return {
    seconds,
    calls: records.length,
    callsPerSecond: records.length / seconds,
    errors: errors.length,
    errorSamples: errors.slice(0, 10).map((e) => `${e.name}: ${e.error ?? ''}`),
    byHandler,
  };
}

/** A WebSocket client of the station's /ws endpoint, as the browser renderer is. */
function socketLink(url: string): Promise<Link & { close(): void }> {
  const origin = new URL(url).origin;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { origin });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      kind: string;
      id?: number;
      result?: Result<unknown>;
    };
    if (message.kind !== 'reply' || message.id === undefined) return;
    pending.get(message.id)?.(message.result as Result<unknown>);
    pending.delete(message.id);
  });
  socket.on('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'DISCONNECTED', message: 'socket closed' } });
    }
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        send: (name, args) =>
          new Promise((done) => {
            const id = nextId++;
            pending.set(id, done);
            socket.send(JSON.stringify({ kind: 'call', id, name, args }));
          }),
        close: () => socket.close(),
      }),
    );
  });
}

interface StartedServer {
  child: ChildProcess;
  url: string;
  /** Asks the station for a memory report (SIGUSR2) and resolves with its LOAD_MEMORY line. */
  memory(): Promise<MemoryReport>;
}

/**
 * Starts the station server bundle on a free port, with --expose-gc so that its memory reports
 * (electron/server/memory-report.ts, installed by --load-test-limits) follow a full collection;
 * resolves with its URL once ready.
 */
function startServer(
  script: string,
  dataDir: string,
  mallocMmapThreshold: number,
): Promise<StartedServer> {
  const env = { ...process.env };
  if (mallocMmapThreshold > 0) env['MALLOC_MMAP_THRESHOLD_'] = String(mallocMmapThreshold);
  const child = spawn(
    process.execPath,
    ['--expose-gc', script, '--port', '0', '--data', dataDir, '--demo', '--load-test-limits'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT, env },
  );
  let output = '';
  let partial = '';
  // Reports come in the order they were asked for: one signal, one line.
  const waiting: { resolve(report: MemoryReport): void; reject(error: Error): void }[] = [];
  const onLine = (line: string) => {
    if (!line.startsWith('LOAD_MEMORY ')) return;
    const report = JSON.parse(line.slice('LOAD_MEMORY '.length)) as
      MemoryReport | { error: string };
    const next = waiting.shift();
    if ('error' in report) next?.reject(new Error(`memory report: ${report.error}`));
    else next?.resolve(report);
  };
  const memory = () =>
    new Promise<MemoryReport>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error('the station has exited'));
        return;
      }
      waiting.push({ resolve, reject });
      child.kill('SIGUSR2');
    });
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(onLine);
      const match = /STATION_READY (\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], memory });
    });
    child.once('exit', (code) => {
      const error = new Error(`Station exited with ${code}:\n${output}`);
      for (const entry of waiting.splice(0)) entry.reject(error);
      reject(error);
    });
  });
}

/** Where a process's RSS lies (Linux /proc); null when smaps cannot be read. */
function rssWhere(pid: number): RssAttribution | null {
  try {
    return attributeRss(readFileSync(`/proc/${pid}/smaps`, 'utf8'));
  } catch {
    return null;
  }
}

/** Resident set size of a process in MB (Linux /proc). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

function table(title: string, run: RunFigures): string {
  const lines = [
    `${title}: ${run.calls} calls in ${f1(run.seconds)} s = ${f1(run.callsPerSecond)} calls/s, errors ${run.errors}`,
    `  ${'handler'.padEnd(28)} ${'calls'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(6)}`,
  ];
  for (const [name, l] of Object.entries(run.byHandler)) {
    lines.push(
      `  ${name.padEnd(28)} ${String(l.count).padStart(6)} ${f1(l.p50).padStart(8)} ${f1(l.p95).padStart(8)} ${f1(l.max).padStart(8)} ${String(l.errors).padStart(6)}`,
    );
  }
  for (const sample of run.errorSamples) lines.push(`  error: ${sample}`);
  return lines.join('\n');
}

/** The memory figures and which rule passed or failed (bench/load/memory.ts). */
function memoryLines(
  reports: MemorySample[],
  verdict: MemoryVerdict,
  options: LoadBenchOptions,
  peakMb: number,
): string {
  const f2 = (n: number) => n.toFixed(2);
  const every = Math.max(1, Math.ceil(reports.length / 12));
  const shown = reports.filter((_, i) => i % every === 0 || i === reports.length - 1);
  const first = reports.find((r) => r.atSeconds >= verdict.warmupSeconds) ?? reports[0];
  const last = reports.at(-1);
  const verdictOf = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    `station memory after a forced GC (MB; heap = used + external, db = database pages, ` +
      `cache = most SQLite's page cache can hold; RSS in malloc's brk arena, in other anonymous ` +
      `mappings, and V8's reserved heap): ${shown
        .map(
          (r) =>
            `${Math.round(r.atSeconds)}s rss ${f1(r.rssMb)} heap ${f1(r.heapMb)} ` +
            `db ${f1(r.databaseMb)} cache ${f1(r.cacheBoundMb)}` +
            (r.where
              ? ` (brk ${f1(r.where.brk)} anon ${f1(r.where.anonymous)} v8 ${f1(r.heapTotalMb)})`
              : ''),
        )
        .join(', ')}`,
    `station malloc: ${
      options.mallocMmapThreshold > 0
        ? `MALLOC_MMAP_THRESHOLD_=${options.mallocMmapThreshold} (fixed: blocks this large or larger are mapped and unmapped on their own)`
        : "glibc's default (moving mmap threshold)"
    }`,
    `warm-up: the first ${Math.round(verdict.warmupSeconds)} s; ` +
      `${verdict.reportsAfterWarmup} memory reports after it`,
    `JS heap after GC: ${f1(first?.heapMb ?? 0)} → ${f1(last?.heapMb ?? 0)} MB, slope ` +
      `${f2(verdict.heapSlopeMbPerMin)} MB/min (bound ${options.maxHeapSlopeMbPerMin}): ` +
      verdictOf(verdict.heapOk),
    ...(first?.where && last?.where
      ? [
          `malloc's brk arena after the warm-up: ${f1(first.where.brk)} → ${f1(last.where.brk)} MB ` +
            `(+${f1(last.where.brk - first.where.brk)}); SQLite cache bound ` +
            `+${f1(last.cacheBoundMb - first.cacheBoundMb)} MB in the same time`,
        ]
      : []),
    `RSS slope after the warm-up: ${f2(verdict.rssSlopeMbPerMin)} MB/min ` +
      `(bound ${options.maxRssSlopeMbPerMin}); peak ${f1(peakMb)} MB: ` +
      (verdict.rssRule === 'flat' ? 'flat, PASS' : 'not flat'),
  ];
  if (verdict.rssRule !== 'flat') {
    const cache = verdict.cache;
    lines.push(
      `SQLite page cache bound: ${f1(cache.startMb)} → ${f1(cache.endMb)} MB of its ` +
        `${f1(cache.capMb)} MB cap (${cache.reachedCap ? 'reached' : 'not reached: the database is smaller'})`,
      `RSS beyond that bound: slope ${f2(verdict.beyondCacheSlopeMbPerMin)} MB/min ` +
        `(bound ${options.maxRssSlopeMbPerMin}): ` +
        (verdict.rssRule === 'cache'
          ? "PASS, RSS grows only as SQLite's page cache can"
          : 'FAIL, more than the cache explains'),
    );
  }
  return lines.join('\n');
}

async function main(options: LoadBenchOptions): Promise<number> {
  const loadAtStart = loadNow();
  const work = mkdtempSync(join(options.workDir, 'lakon-bench-load-'));
  const seconds = options.minutes * 60;
  log(`${options.clients} clients for ${options.minutes} min; working in ${work}`);
  try {
    const script = await bundleForNode(
      join(ROOT, 'electron', 'server', 'main.ts'),
      join(ROOT, 'dist', 'bench', 'load-station.mjs'),
      { sourcemap: true },
    );
    const socketDir = join(work, 'station');
    const prepared = await openBenchStation(ROOT, socketDir, LOAD_TEST_LIMITS);
    const fixture = readFixture(prepared);
    const sqlite = String(prepared.deps.sqlite.prepare('SELECT sqlite_version()').pluck().get());
    await prepared.close();

    let baseline: RunFigures | null = null;
    if (options.baselineSeconds > 0) {
      log(
        `baseline: the same clients through an in-process dispatcher for ${options.baselineSeconds} s`,
      );
      const station = await openBenchStation(ROOT, join(work, 'baseline'), LOAD_TEST_LIMITS);
      try {
        const run = await drive(options, fixture, options.baselineSeconds, (index) =>
          Promise.resolve(
            memoryPair(station.dispatcher, `bench-${index}`, station.initialSession()),
          ),
        );
        baseline = figures(run.records, run.seconds);
      } finally {
        await station.close();
      }
    }

    log('socket run: starting the station server');
    const server = await startServer(script, socketDir, options.mallocMmapThreshold);
    const pid = server.child.pid as number;
    const rss: Sample[] = [];
    const reports: MemorySample[] = [];
    const runStart = Date.now();
    const at = () => (Date.now() - runStart) / 1000;
    const sample = () => rss.push({ atSeconds: at(), mb: rssMb(pid) });
    // One report at a time: the next is asked for only once the last has been printed.
    let reporting: Promise<void> | null = null;
    const report = () => {
      reporting ??= (async () => {
        const asked = at();
        const got = await server.memory();
        reports.push(toMemorySample(asked, got, rssWhere(pid)));
      })().finally(() => (reporting = null));
      return reporting;
    };
    sample();
    await report();
    const sampler = setInterval(() => {
      sample();
      const last = rss.at(-1) as Sample;
      log(`${f1(last.atSeconds)} s: station RSS ${f1(last.mb)} MB`);
    }, options.sampleMs);
    let reportFailure: unknown = null;
    const reporter = setInterval(() => {
      if (reporting) return;
      report().then(
        () => {
          const last = reports.at(-1) as MemorySample;
          log(
            `${f1(last.atSeconds)} s: station heap after GC ${f1(last.heapMb)} MB, ` +
              `database ${f1(last.databaseMb)} MB, SQLite cache bound ${f1(last.cacheBoundMb)} MB`,
          );
        },
        (error: unknown) => (reportFailure ??= error),
      );
    }, options.heapSampleMs);
    const links: (Link & { close(): void })[] = [];
    let socketRun: RunFigures;
    try {
      const run = await drive(options, fixture, seconds, async () => {
        const link = await socketLink(server.url);
        links.push(link);
        return link;
      });
      clearInterval(reporter);
      await reporting;
      sample();
      await report();
      socketRun = figures(run.records, run.seconds);
    } finally {
      clearInterval(sampler);
      clearInterval(reporter);
      for (const link of links) link.close();
      await new Promise<void>((resolve) => {
        if (server.child.exitCode !== null) return resolve();
        server.child.removeAllListeners('exit');
        server.child.once('exit', () => resolve());
        server.child.kill('SIGTERM');
      });
    }
    if (reportFailure) throw reportFailure;
    const runSeconds = rss.at(-1)?.atSeconds ?? 0;
    const verdict = judgeMemory(rss, reports, runSeconds, options);
    const result = {
      bench: 'load',
      finishedAt: new Date().toISOString(),
      options: { ...options, workDir: undefined },
      machine: describeMachine(sqlite, loadAtStart),
      socket: socketRun,
      baseline,
      rss: {
        samples: rss,
        startMb: rss[0]?.mb ?? null,
        endMb: rss.at(-1)?.mb ?? null,
        peakMb: Math.max(...rss.map((s) => s.mb)),
        slopeMbPerMinAfterWarmup: verdict.rssSlopeMbPerMin,
        maxSlopeMbPerMin: options.maxRssSlopeMbPerMin,
      },
      memory: { reports, verdict },
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(
      RESULTS_DIR,
      `load-${result.finishedAt.slice(0, 10)}-${options.clients}x${options.minutes}min.json`,
    );
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\n${table('socket (station server process, real WebSockets)', socketRun)}`);
    if (baseline)
      console.log(`\n${table('baseline (in-process dispatcher, no socket)', baseline)}`);
    const every = Math.max(1, Math.ceil(rss.length / 24));
    console.log(
      `\nstation RSS (MB) over time: ${rss
        .filter((_, i) => i % every === 0 || i === rss.length - 1)
        .map((s) => `${Math.round(s.atSeconds)}s ${f1(s.mb)}`)
        .join(', ')}`,
    );
    console.log(memoryLines(reports, verdict, options, result.rss.peakMb));
    console.log(
      `machine: ${result.machine.cpus} CPUs, load ${result.machine.load.atStart} → ${result.machine.load.atEnd}`,
    );
    console.log(`result: ${file}`);
    const problems: string[] = [];
    if (socketRun.errors > 0) problems.push(`${socketRun.errors} errors over the socket`);
    if (baseline && baseline.errors > 0) problems.push(`${baseline.errors} errors in the baseline`);
    problems.push(...verdict.problems);
    if (problems.length > 0) {
      console.error(`FAIL: ${problems.join('; ')}`);
      return 1;
    }
    console.log(
      verdict.rssRule === 'flat'
        ? 'PASS: no errors, JS heap flat, RSS flat'
        : "PASS: no errors, JS heap flat, RSS growth within SQLite's bounded page cache",
    );
    return 0;
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main(parseOptions(process.argv.slice(2)));
