import type { Machine } from '../lib/machine';
import type { PhaseOutput } from '../lib/phase';
import type { BaselineResult } from './baseline';
import { SERVICE, type GenerateResult } from './generate';
import type { SyncBenchOptions } from './options';
import type { PacketsResult } from './packets';
import type { VerifyResult } from './verify';

/** One size's phases, as run by orchestrate.ts. */
export interface SizeRun {
  applications: number;
  generate: PhaseOutput<GenerateResult>;
  packets: PhaseOutput<PacketsResult>;
  verify: PhaseOutput<VerifyResult>;
  baseline: PhaseOutput<BaselineResult>;
}

export interface SizeFigures {
  applications: number;
  photos: number;
  photoBytes: number;
  /** Packet file bytes per second of the buildNextPacket loop, MB (10^6 bytes) per second. */
  packetsMBps: number;
  packetsCpuMBps: number;
  recordsPerSecond: number;
  baselineMBps: number;
  baselineCpuMBps: number;
  /** packetsMBps / baselineMBps: the figure. */
  packetsToBaseline: number;
  /** The same in bytes per CPU second: a check when other work shared the machine. */
  packetsToBaselineCpu: number;
  peakRssMb: Record<'generate' | 'packets' | 'verify' | 'baseline', number>;
}

export interface SyncReport {
  bench: 'sync';
  finishedAt: string;
  options: Omit<SyncBenchOptions, 'workDir' | 'keep'>;
  machine: Machine;
  figures: SizeFigures[];
  /** Peak RSS of the largest run over the base run, per phase. */
  rssGrowth: { packets: number; baseline: number } | null;
  checks: Array<{ name: string; value: string; isMet: boolean }>;
  runs: SizeRun[];
}

/** Peak RSS of the packets phase may grow by this much for `scale` times the data. */
export const FLAT_RSS = 1.2;

function figuresOf(run: SizeRun): SizeFigures {
  const p = run.packets.result;
  const b = run.baseline.result;
  const packetsMBps = p.bytes / 1e6 / p.seconds;
  const baselineMBps = b.bytes / 1e6 / b.seconds;
  const packetsCpuMBps = p.bytes / 1e6 / p.cpuSeconds;
  const baselineCpuMBps = b.bytes / 1e6 / b.cpuSeconds;
  return {
    applications: run.applications,
    photos: run.generate.result.photos,
    photoBytes: run.generate.result.photoBytes,
    packetsMBps,
    packetsCpuMBps,
    recordsPerSecond: p.records / p.seconds,
    baselineMBps,
    baselineCpuMBps,
    packetsToBaseline: packetsMBps / baselineMBps,
    packetsToBaselineCpu: packetsCpuMBps / baselineCpuMBps,
    peakRssMb: {
      generate: run.generate.peakRssMb,
      packets: run.packets.peakRssMb,
      verify: run.verify.peakRssMb,
      baseline: run.baseline.peakRssMb,
    },
  };
}

/** What must hold for the figures to be about complete, valid packets of the generated data. */
function checksOf(run: SizeRun): SyncReport['checks'] {
  const g = run.generate.result;
  const p = run.packets.result;
  const v = run.verify.result;
  const b = run.baseline.result;
  const outbox = g.counts.outbox ?? 0;
  const at = `${int(run.applications)} applications`;
  return [
    {
      name: `${at}: every outbox row in exactly one verified packet`,
      value: `${int(v.records)} records, ${int(v.distinctRecordIds)} distinct ids, outbox ${int(outbox)}`,
      isMet: v.records === outbox && v.distinctRecordIds === outbox && p.records === outbox,
    },
    {
      name: `${at}: every photo carried, same bytes`,
      value: `${int(v.attachments)} attachments (${mb(v.attachmentBytes)}), photos ${int(g.photos)} (${mb(g.photoBytes)})`,
      isMet: v.attachments === g.photos && v.attachmentBytes === g.photoBytes,
    },
    {
      name: `${at}: records carry the NIK under SIAK's name`,
      value: `${int(v.recordsWithNik)} of ${int(g.applications)}`,
      isMet: v.recordsWithNik === g.applications,
    },
    {
      name: `${at}: the baseline read the same rows and photos`,
      value: `${int(b.records)} rows, ${int(b.photos)} photos (${mb(b.photoBytes)})`,
      isMet: b.records === outbox && b.photos === g.photos && b.photoBytes === g.photoBytes,
    },
  ];
}

export function buildReport(
  options: SyncBenchOptions,
  machine: Machine,
  runs: SizeRun[],
): SyncReport {
  const figures = runs.map(figuresOf);
  const first = figures[0];
  const last = figures.at(-1);
  const rssGrowth =
    first && last && figures.length > 1
      ? {
          packets: last.peakRssMb.packets / first.peakRssMb.packets,
          baseline: last.peakRssMb.baseline / first.peakRssMb.baseline,
        }
      : null;
  const checks = runs.flatMap(checksOf);
  if (rssGrowth && first && last) {
    checks.push({
      name: `packets peak RSS stays flat (${int(last.applications)} / ${int(first.applications)} applications <= ${FLAT_RSS}x)`,
      value: `${rss(last.peakRssMb.packets)} / ${rss(first.peakRssMb.packets)} = ${rssGrowth.packets.toFixed(2)}x`,
      isMet: rssGrowth.packets <= FLAT_RSS,
    });
  }
  return {
    bench: 'sync',
    finishedAt: new Date().toISOString(),
    options: {
      applications: options.applications,
      scale: options.scale,
      photosPerApplication: options.photosPerApplication,
      photoBytes: options.photoBytes,
      seed: options.seed,
      profile: options.profile,
    },
    machine,
    figures,
    rssGrowth,
    checks,
    runs,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) =>
  `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
const rss = (mib: number) => `${mib.toFixed(0)} MiB`;
const rate = (n: number) => `${n.toFixed(1)} MB/s`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatReport(report: SyncReport): string {
  const { machine: m, runs, figures } = report;
  const column = (make: (run: SizeRun, f: SizeFigures) => string) =>
    runs.map((run, i) => make(run, figures[i] as SizeFigures));
  const limits = runs[0]?.packets.result.limits;
  const rows: string[][] = [
    ['', ...column((run) => `${int(run.applications)} applications`)],
    ['photos', ...column((run, f) => `${int(f.photos)} (${mb(f.photoBytes)})`)],
    [
      'generate (not timed)',
      ...column((run) => `${run.generate.result.seconds.toFixed(1)} s via applications-submit`),
    ],
    [
      'packets: buildNextPacket',
      ...column(
        (run, f) =>
          `${rate(f.packetsMBps)} (${mb(run.packets.result.bytes)} in ` +
          `${run.packets.result.seconds.toFixed(1)} s, CPU ${run.packets.result.cpuSeconds.toFixed(1)} s)`,
      ),
    ],
    [
      '  records/s, packets',
      ...column(
        (run, f) =>
          `${int(f.recordsPerSecond)} records/s, ${run.packets.result.packets.length} packets`,
      ),
    ],
    [
      'baseline: bare pipeline',
      ...column(
        (run, f) =>
          `${rate(f.baselineMBps)} (${mb(run.baseline.result.bytes)} in ` +
          `${run.baseline.result.seconds.toFixed(1)} s, CPU ${run.baseline.result.cpuSeconds.toFixed(1)} s)`,
      ),
    ],
    [
      'packets / baseline',
      ...column(
        (run, f) =>
          `${f.packetsToBaseline.toFixed(2)}x (CPU time: ${f.packetsToBaselineCpu.toFixed(2)}x)`,
      ),
    ],
    ['peak RSS packets', ...column((run, f) => rss(f.peakRssMb.packets))],
    ['peak RSS baseline', ...column((run, f) => rss(f.peakRssMb.baseline))],
    [
      'peak RSS generate / verify',
      ...column((run, f) => `${rss(f.peakRssMb.generate)} / ${rss(f.peakRssMb.verify)}`),
    ],
    [
      'verify (not timed)',
      ...column((run) => `${run.verify.result.seconds.toFixed(1)} s, all packets read back`),
    ],
  ];
  const growth = report.rssGrowth
    ? `peak RSS for ${report.options.scale}x the data: packets ` +
      `${report.rssGrowth.packets.toFixed(2)}x, baseline ${report.rssGrowth.baseline.toFixed(2)}x`
    : 'one size only (--scale 1): no memory comparison';
  return [
    `Sync bench: packets of kiosk applications (${SERVICE}, ` +
      `${report.options.photosPerApplication} photos of about ${int(report.options.photoBytes / 1000)} KB each)` +
      (limits
        ? `; DEFAULT_LIMITS ${limits.records} records / ${int(limits.attachmentBytes / 2 ** 20)} MiB per packet`
        : ''),
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}, node ${m.node}, ` +
      `SQLite ${m.sqlite}; load average ${m.load.atStart} at start, ${m.load.atEnd} at end`,
    '',
    table(rows),
    '',
    growth,
    '',
    table([
      ['check', 'value', 'result'],
      ...report.checks.map((c) => [c.name, c.value, c.isMet ? 'PASS' : 'FAIL']),
    ]),
  ].join('\n');
}
