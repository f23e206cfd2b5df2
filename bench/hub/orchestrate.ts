import { mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeMachine, loadNow } from '../lib/machine';
import { runPhase, type PhaseOutput, type RunPhaseOptions } from '../lib/phase';
import { ROOT } from '../sync/station';
import type { CheckJob, CheckResult } from './check';
import type { GenerateJob, GenerateResult, Plan } from './generate';
import type { HubBenchOptions, HubDatabaseKind } from './options';
import { startBenchCluster, type BenchCluster } from './postgres';
import { buildReport, formatReport, type Run } from './report';
import type { BareJob, BareResult, HubJob, HubResult } from './servers';
import { startService } from './service';
import type { UploadJob, UploadResult } from './upload';

const RESULTS_DIR = join(ROOT, 'bench', 'results');
/** Per request, as long as a station waits (DEFAULT_UPLOAD's 60 s) and more: a shared machine. */
const TIMEOUT_MS = 180_000;

function log(message: string): void {
  console.log(`[hub ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const loads = () => loadavg().map((l) => Math.round(l * 10) / 10);

/** node --cpu-prof for the phase named by --profile, each time it runs. */
function profiled(options: HubBenchOptions, phase: string): RunPhaseOptions {
  if (options.profile !== phase) return {};
  const cpuProfDir = join(RESULTS_DIR, 'profiles');
  mkdirSync(cpuProfDir, { recursive: true });
  return { cpuProfDir };
}

/**
 * The hub bench: generate the stations' packets once, then upload the same files through a bare
 * HTTP server (the baseline) and through the real hub on each database, each server in a process
 * of its own while the stations run in another; after each hub run the database is checked.
 */
export async function runHubBench(options: HubBenchOptions): Promise<void> {
  const loadAtStart = loadNow();
  const loadAveragesAtStart = loads();
  const photoBytes =
    options.applications *
    options.photosPerApplication *
    ((options.photoBytesMin + options.photoBytesMax) / 2);
  // Packets, then per run the staged/kept packet files and the database: about 4x the photos.
  const needed = photoBytes * 4 + 1e9;
  const disk = statfsSync(options.workDir);
  if (disk.bavail * disk.bsize < needed)
    throw new Error(
      `${options.workDir} has ${int((disk.bavail * disk.bsize) / 1e9)} GB free; the run needs ` +
        `about ${int(needed / 1e9)} GB (use --work-dir)`,
    );
  const work = mkdtempSync(join(options.workDir, 'lakon-bench-hub-'));
  const hubKeysDir = join(work, 'hub-keys');
  let cluster: BenchCluster | null = null;
  let generate: PhaseOutput<GenerateResult> | null = null;
  const runs: Run[] = [];
  log(`working in ${work}; load average ${loadAveragesAtStart.join(' ')}`);
  try {
    log(
      `generate: ${int(options.stations)} stations, ${int(options.applications)} applications, ` +
        `${int(options.applications * options.photosPerApplication)} photos`,
    );
    generate = await runPhase<GenerateJob, GenerateResult>(
      'generate',
      {
        workDir: work,
        hubKeysDir,
        stations: options.stations,
        applications: options.applications,
        photosPerApplication: options.photosPerApplication,
        photoBytesMin: options.photoBytesMin,
        photoBytesMax: options.photoBytesMax,
        packetApplications: options.packetApplications,
        retries: options.retries,
        seed: options.seed,
      },
      work,
      profiled(options, 'generate'),
    );
    const g = generate.result;
    log(
      `generate: ${int(g.packets)} packets (${int(g.packetBytes / 1e6)} MB) + ${g.rebuiltPackets} rebuilt ` +
        `in ${g.seconds.toFixed(1)} s`,
    );
    const plan = JSON.parse(readFileSync(g.planFile, 'utf8')) as Plan;
    const uploadJob = (
      mode: UploadJob['mode'],
      url: string,
      answersFile: string | null,
    ): UploadJob => ({
      mode,
      url,
      planFile: g.planFile,
      answersFile,
      pieceBytes: options.pieceBytes,
      retries: options.retries,
      timeoutMs: TIMEOUT_MS,
    });

    if (options.baseline) {
      const dir = join(work, 'bare');
      log('baseline: the same uploads through a bare HTTP server that only stages the bytes');
      const server = await startService<BareJob, BareResult>(
        'bare',
        { dir },
        work,
        profiled(options, 'bare'),
      );
      const upload = await runPhase<UploadJob, UploadResult>(
        'upload',
        uploadJob('bare', server.url, null),
        work,
        profiled(options, 'upload'),
      );
      const stopped = await server.stop();
      rmSync(dir, { recursive: true, force: true });
      log(`baseline: ${upload.result.seconds.toFixed(1)} s`);
      runs.push({ kind: 'baseline', upload, server: stopped });
    }

    for (const database of options.databases) {
      let databaseUrl: string | null = null;
      if (database === 'postgres') {
        cluster ??= startBenchCluster(work);
        databaseUrl = await cluster.createDatabase('hub_bench');
      }
      runs.push(
        await hubRun(
          options,
          work,
          hubKeysDir,
          g.planFile,
          plan,
          database,
          databaseUrl,
          uploadJob,
          database === 'postgres' ? cluster : null,
        ),
      );
      if (database === 'postgres' && !options.keep) await cluster?.dropDatabase('hub_bench');
    }
  } finally {
    cluster?.stop(options.keep);
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const sqlite = runs.find((r) => r.kind === 'sqlite');
  const postgres = runs.find((r) => r.kind === 'postgres');
  const machine = {
    ...describeMachine(
      sqlite && sqlite.kind === 'sqlite' ? sqlite.check.result.engine : 'not run',
      loadAtStart,
    ),
    loadAverages: { atStart: loadAveragesAtStart, atEnd: loads() },
    postgres: postgres && postgres.kind === 'postgres' ? postgres.check.result.engine : null,
  };
  const report = buildReport(options, machine, generate, runs);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(
    RESULTS_DIR,
    `hub-${report.finishedAt.slice(0, 10)}-${options.applications}x${options.stations}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatReport(report)}\n\nresult: ${file}`);
  if (!report.isOk) process.exitCode = 1;
}

/** The hub on one database: serve, upload, stop, check. */
async function hubRun(
  options: HubBenchOptions,
  work: string,
  hubKeysDir: string,
  planFile: string,
  plan: Plan,
  database: HubDatabaseKind,
  databaseUrl: string | null,
  uploadJob: (mode: UploadJob['mode'], url: string, answersFile: string | null) => UploadJob,
  cluster: BenchCluster | null,
): Promise<Run> {
  const dataDir = join(work, `hub-${database}`);
  const answersFile = join(work, `answers-${database}.json`);
  log(`${database}: opening the hub, enrolling ${int(plan.stations.length)} stations`);
  const server = await startService<HubJob, HubResult>(
    'hub',
    {
      dataDir,
      keysDir: hubKeysDir,
      databaseUrl,
      districtName: 'Disdukcapil Kabupaten Ogan Komering Ilir',
      requests: plan.stations.map((s) => s.request),
      answersFile,
    },
    work,
    profiled(options, 'hub'),
  );
  log(`${database}: ${int(plan.stations.length)} stations uploading to ${server.url}`);
  const clusterCpu = cluster?.cpuSeconds() ?? 0;
  const upload = await runPhase<UploadJob, UploadResult>(
    'upload',
    uploadJob('hub', server.url, answersFile),
    work,
    profiled(options, 'upload'),
  );
  // The upload's share of the cluster: its pool's backends end with the hub (stop).
  const stopped = await server.stop();
  const postgresCpuSeconds = cluster ? cluster.cpuSeconds() - clusterCpu : null;
  log(
    `${database}: ${upload.result.seconds.toFixed(1)} s, ${upload.result.errorCount} errors; ` +
      'checking the database (every photo read back)',
  );
  const check = await runPhase<CheckJob, CheckResult>(
    'check',
    { dataDir, keysDir: hubKeysDir, databaseUrl, planFile },
    work,
    profiled(options, 'check'),
  );
  log(`${database}: checked in ${check.result.seconds.toFixed(1)} s`);
  if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  return { kind: database, upload, server: stopped, check, postgresCpuSeconds };
}
