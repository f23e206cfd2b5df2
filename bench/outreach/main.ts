import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jakartaDay } from '../../electron/core/common/jakarta';
import { planTrainingVisitors, type TrainingVisitor } from '../../electron/core/outreach/training';
import { seeded } from '../../electron/core/seeded-random';
import { lanIPv4 } from '../../electron/testing/lan';
import { bundleForNode } from '../../scripts/bundle-node.mjs';
import { describeMachine, loadNow } from '../lib/machine';
import { openBenchStation } from '../lib/station';
import { runDay } from './day';
import { pairDevice, type LanAccess } from './lan';
import { socketLink, type Link, type SocketOptions } from './link';
import { parseOptions, type OutreachBenchOptions } from './options';
import { dayFigures, dayLines, dayProblems, goalLines } from './report';
import { startStation } from './server';
import { BENCH_SERVICES, prepareDesks, settledServices, setUpEvent } from './setup';

/**
 * The outreach bench (issue 16, "Must be shown"), run by bench/run.mjs as dist/bench/outreach.mjs:
 * a simulated event day of --visitors people with two services each, through the real station
 * server process (a training station on loopback), by --desks desk connections and one queue
 * display over real WebSockets. See bench/README.md, "outreach".
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS_DIR = join(ROOT, 'bench', 'results');

function log(message: string): void {
  console.log(`[outreach ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** The visitors of the day, from the training registry of the station's village. */
async function prepareVisitors(
  dataDir: string,
  options: OutreachBenchOptions,
): Promise<{ visitors: TrainingVisitor[]; villageCode: string; sqlite: string }> {
  const station = await openBenchStation(ROOT, dataDir);
  try {
    const villageCode = station.deps.unit.region_code;
    const visitors = planTrainingVisitors(station.deps.sqlite, {
      villageCodes: [villageCode],
      serviceCodes: BENCH_SERVICES.map((s) => s.serviceCode),
      visitors: options.visitors,
      seed: options.seed,
      today: jakartaDay(new Date()),
      servicesPerVisitor: { min: 2, max: 2 },
      followUpShare: options.followUpShare,
    });
    const sqlite = String(station.deps.sqlite.prepare('SELECT sqlite_version()').pluck().get());
    return { visitors, villageCode, sqlite };
  } finally {
    await station.close();
  }
}

async function main(options: OutreachBenchOptions): Promise<number> {
  const loadAtStart = loadNow();
  const work = mkdtempSync(join(options.workDir, 'lakon-bench-outreach-'));
  const dataDir = join(work, 'station');
  log(
    `${options.visitors} visitors, 2 services each, ${options.desks} desks and a queue display; ` +
      (options.thinkMs > 0
        ? `desks pause ${options.thinkMs} ms (x0.5..1.5) between calls`
        : 'pace: as fast as the desks can (no pause between calls)'),
  );
  const links: Link[] = [];
  try {
    const script = await bundleForNode(
      join(ROOT, 'electron', 'server', 'main.ts'),
      join(ROOT, 'dist', 'bench', 'outreach-station.mjs'),
      { sourcemap: true },
    );
    const prepared = await prepareVisitors(dataDir, options);
    log(`visitors drawn from the training registry of village ${prepared.villageCode}`);
    const isLan = options.transport === 'lan';
    // The address is known before the station starts: a machine without one stops here.
    const address = isLan ? lanIPv4() : '127.0.0.1';
    const token = randomBytes(24).toString('base64url');
    const station = await startStation(
      script,
      dataDir,
      isLan ? ['--lan', '--pairing-token', token] : [],
      ROOT,
    );
    const port = Number(new URL(station.url).port);
    const transport = isLan
      ? `LAN: --lan with the station's own TLS certificate; meja-1 is the host laptop's screen ` +
        `(wss://127.0.0.1:${port}), the other desks and the display join wss://${address}:${port} ` +
        'paired by code from the host screen'
      : `loopback: ws://127.0.0.1:${port}, no TLS, desks by devices-claim`;
    log(`station server pid ${station.pid}; ${transport}`);
    let day;
    let settled;
    try {
      const lan: LanAccess = {
        origin: `https://${address}:${port}`,
        address,
        port,
        ca: isLan ? readFileSync(join(dataDir, 'lan-tls', 'cert.pem'), 'utf8') : '',
      };
      const url = isLan ? `${lan.origin}/` : station.url;
      const connect = async (how: SocketOptions & { origin?: string } = {}) => {
        const link = await socketLink(how.origin ? `${how.origin}/` : url, how);
        links.push(link);
        return link;
      };
      // LAN: the unit's laptop is desk meja-1 and the host screen (its own screen, wss:// to
      // 127.0.0.1); it plans the event and pairs the other desks and the display, which join
      // from the LAN address. Loopback: every desk is a screen of this machine.
      const host = isLan
        ? await connect({ ca: lan.ca, origin: `https://127.0.0.1:${port}` })
        : null;
      if (host) await prepareDesks([{ desk: 'meja-1', link: host }], { claim: false });
      const device = async (kind: 'desk' | 'display', desk: string | null, label: string) =>
        host ? connect(await pairDevice(host, lan, { kind, desk, label })) : connect();
      const deskLinks = [{ desk: 'meja-1', link: host ?? (await connect()) }];
      for (let index = 2; index <= options.desks; index += 1)
        deskLinks.push({
          desk: `meja-${index}`,
          link: await device('desk', `meja-${index}`, `Meja ${index}`),
        });
      const display = await device('display', null, 'Layar antrean aula');
      await prepareDesks(host ? deskLinks.slice(1) : deskLinks, { claim: !isLan });
      log(
        `${options.desks} desks signed in as the training officer, each at its own desk` +
          (isLan ? '; meja-2.. and the display paired over the LAN' : ''),
      );
      const leader = deskLinks[0]?.link as Link;
      const eventId = await setUpEvent(
        leader,
        prepared.villageCode,
        options.visitors,
        jakartaDay(new Date()),
      );
      log(`event ${eventId} running; the day starts`);
      const cpuAtStart = station.cpuSeconds();
      const records = await runDay({
        eventId,
        visitors: prepared.visitors,
        desks: deskLinks,
        display,
        thinkMs: options.thinkMs,
        random: seeded(options.seed + 1),
        pushGraceMs: 30_000,
      });
      settled = await settledServices(leader, eventId);
      day = {
        records,
        peakRssMb: station.peakRssMb(),
        stationCpuSeconds: station.cpuSeconds() - cpuAtStart,
      };
    } finally {
      for (const link of links) link.close();
      await station.stop();
    }
    const figures = dayFigures(day.records, options.visitors);
    const expectedServices = prepared.visitors.reduce((n, v) => n + v.services.length, 0);
    const problems = dayProblems(figures, expectedServices, settled.settled);
    const goal = goalLines(figures);
    const machine = describeMachine(prepared.sqlite, loadAtStart);
    const result = {
      bench: 'outreach',
      finishedAt: new Date().toISOString(),
      options: { ...options, workDir: undefined },
      transport,
      machine,
      figures,
      settled,
      peakRssMb: day.peakRssMb,
      stationCpuSeconds: day.stationCpuSeconds,
      goalMet: goal.met,
      problems,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(
      RESULTS_DIR,
      `outreach-${result.finishedAt.slice(0, 10)}-${options.visitors}x${options.desks}.json`,
    );
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.log(
      `day: ${figures.finished} of ${options.visitors} visits finished, ${settled.done} services done, ` +
        `${settled.followUp} follow-up, in ${figures.seconds.toFixed(1)} s; ${figures.calls} calls, ` +
        `${figures.errors} errors; display pushes ${JSON.stringify(figures.push.counts)}`,
    );
    for (const line of dayLines(figures, day.peakRssMb)) console.log(line);
    console.log(
      `station CPU during the day ${day.stationCpuSeconds.toFixed(1)} s of ${figures.seconds.toFixed(1)} s ` +
        `(${((day.stationCpuSeconds * 1000) / Math.max(1, figures.calls)).toFixed(2)} ms per call)`,
    );
    for (const line of goal.lines) console.log(line);
    for (const sample of figures.errorSamples) console.log(`error: ${sample}`);
    console.log(
      `machine: ${machine.cpus} CPUs (${machine.cpuModel}), load ${machine.load.atStart} → ${machine.load.atEnd}`,
    );
    console.log(`result: ${file}`);
    if (problems.length > 0) {
      console.error(`FAIL: ${problems.join('; ')}`);
      return 1;
    }
    console.log(
      goal.met ? 'PASS: every visit served, goal met' : 'PASS: every visit served; goal MISSED',
    );
    return 0;
  } finally {
    if (!options.keep) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

process.exitCode = await main(parseOptions(process.argv.slice(2)));
