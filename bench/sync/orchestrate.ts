import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_CHUNK_SIZE } from '../../electron/protocol/packet/format';
import { keyPairFromSeed } from '../../electron/protocol/packet/keys';
import { describeMachine, loadNow } from '../lib/machine';
import { runPhase, type RunPhaseOptions } from '../lib/phase';
import type { BaselineJob, BaselineResult } from './baseline';
import type { GenerateJob, GenerateResult } from './generate';
import type { SyncBenchOptions } from './options';
import type { PacketsJob, PacketsResult } from './packets';
import { buildReport, formatReport, type SizeRun } from './report';
import { ROOT } from './station';
import type { VerifyJob, VerifyResult } from './verify';

const RESULTS_DIR = join(ROOT, 'bench', 'results');

function log(message: string): void {
  console.log(`[sync ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * The sync bench: the base size, then `scale` times the data, each in a fresh temporary folder
 * (removed before the next size unless --keep): generate → packets → verify → baseline, each
 * phase in a process of its own so that its peak RSS is its own.
 */
export async function runSyncBench(options: SyncBenchOptions): Promise<void> {
  const loadAtStart = loadNow();
  const sizes = options.scale > 1 ? [1, options.scale] : [1];
  const runs: SizeRun[] = [];
  for (const scale of sizes) {
    runs.push(await runSize(options, options.applications * scale));
  }
  const sqlite = runs[0]?.generate.result.sqlite ?? 'unknown';
  const report = buildReport(options, describeMachine(sqlite, loadAtStart), runs);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(
    RESULTS_DIR,
    `sync-${report.finishedAt.slice(0, 10)}-${options.applications}x${sizes.join('-')}.json`,
  );
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatReport(report)}\n\nresult: ${file}`);
  if (report.checks.some((c) => !c.isMet)) {
    console.error('Some checks failed: the figures above are not about complete, valid packets.');
    process.exitCode = 1;
  }
}

async function runSize(options: SyncBenchOptions, applications: number): Promise<SizeRun> {
  const photos = applications * options.photosPerApplication;
  // Database, packets and baseline files: about three times the photo bytes, plus room.
  const needed = photos * options.photoBytes * 4;
  const disk = statfsSync(options.workDir);
  const free = disk.bavail * disk.bsize;
  if (free < needed) {
    throw new Error(
      `${options.workDir} has ${int(free / 1e9)} GB free; ${int(applications)} applications need ` +
        `about ${int(needed / 1e9)} GB (use --work-dir)`,
    );
  }
  const work = mkdtempSync(join(options.workDir, `lakon-bench-sync-${applications}-`));
  const dataDir = join(work, 'station');
  const baselineDir = join(work, 'baseline');
  mkdirSync(baselineDir);
  const districtSeed = randomBytes(32);
  const district = keyPairFromSeed('x25519', districtSeed);
  const profileDir = join(RESULTS_DIR, 'profiles');
  const phaseOptions = (phase: string): RunPhaseOptions => {
    if (options.profile !== phase) return {};
    mkdirSync(profileDir, { recursive: true });
    return { cpuProfDir: profileDir };
  };
  log(`${int(applications)} applications: working in ${work}`);
  try {
    log(`generate: ${int(applications)} kiosk submissions, ${int(photos)} photos`);
    const generate = await runPhase<GenerateJob, GenerateResult>(
      'generate',
      {
        dataDir,
        applications,
        photosPerApplication: options.photosPerApplication,
        photoBytes: options.photoBytes,
        seed: options.seed,
      },
      work,
      phaseOptions('generate'),
    );
    log(`generate: ${generate.result.seconds.toFixed(1)} s`);

    log('packets: buildNextPacket until null');
    const packets = await runPhase<PacketsJob, PacketsResult>(
      'packets',
      { dataDir, districtPublicKey: district.publicRaw.toString('base64') },
      work,
      phaseOptions('packets'),
    );
    const p = packets.result;
    log(`packets: ${p.packets.length} in ${p.seconds.toFixed(1)} s`);

    log('verify: reading every packet with the district key (not timed)');
    const verify = await runPhase<VerifyJob, VerifyResult>(
      'verify',
      {
        outgoingDir: p.outgoingDir,
        files: p.packets.map((packet) => packet.fileName),
        districtSeed: districtSeed.toString('hex'),
        unitId: p.unitId,
        signingPublicKey: p.signingPublicKey,
      },
      work,
      phaseOptions('verify'),
    );

    log('baseline: read, sha-256, AES-256-GCM, write');
    const baseline = await runPhase<BaselineJob, BaselineResult>(
      'baseline',
      {
        dataDir,
        outDir: baselineDir,
        ranges: p.packets.map(({ fromSeq, toSeq }) => ({ fromSeq, toSeq })),
        chunkSize: DEFAULT_CHUNK_SIZE,
      },
      work,
      phaseOptions('baseline'),
    );
    log(`baseline: ${baseline.result.seconds.toFixed(1)} s`);
    return { applications, generate, packets, verify, baseline };
  } finally {
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}
