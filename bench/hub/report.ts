import type { Machine } from '../lib/machine';
import type { PhaseOutput } from '../lib/phase';
import type { CheckResult } from './check';
import type { GenerateResult } from './generate';
import type { HubBenchOptions, HubDatabaseKind } from './options';
import type { BareResult, HubResult } from './servers';
import type { UploadResult } from './upload';

/** One upload run: the bare baseline, or the hub on one database. */
export type Run =
  | {
      kind: 'baseline';
      upload: PhaseOutput<UploadResult>;
      server: PhaseOutput<BareResult>;
    }
  | {
      kind: HubDatabaseKind;
      upload: PhaseOutput<UploadResult>;
      server: PhaseOutput<HubResult>;
      check: PhaseOutput<CheckResult>;
      /** CPU of the PostgreSQL cluster's processes during the upload (null on SQLite). */
      postgresCpuSeconds: number | null;
    };

export interface RunFigures {
  run: string;
  packets: number;
  megabytes: number;
  seconds: number;
  packetsPerSecond: number;
  mbPerSecond: number;
  recordsPerSecond: number;
  /** Announce sent → commit answered, per packet. */
  packetP50Ms: number;
  packetP95Ms: number;
  packetMaxMs: number;
  commitP50Ms: number;
  commitP95Ms: number;
  pieceP95Ms: number;
  /** The server process's ru_maxrss, MiB. */
  serverPeakRssMb: number;
  serverCpuSeconds: number;
  /** PostgreSQL's own processes during the upload; 0 for the baseline and SQLite. */
  databaseCpuSeconds: number;
  /** MB per CPU second of the server (and PostgreSQL): steadier than wall time when shared. */
  mbPerCpuSecond: number;
  clientCpuSeconds: number;
  clientPeakRssMb: number;
  /** mbPerSecond over the baseline's; null without a baseline. */
  toBaseline: number | null;
  /** mbPerCpuSecond over the baseline's. */
  toBaselineCpu: number | null;
}

export interface Check {
  name: string;
  value: string;
  isMet: boolean;
}

export interface HubReport {
  bench: 'hub';
  finishedAt: string;
  options: Omit<HubBenchOptions, 'workDir' | 'keep'>;
  machine: Machine & {
    loadAverages: { atStart: number[]; atEnd: number[] };
    postgres: string | null;
  };
  generate: PhaseOutput<GenerateResult>;
  figures: RunFigures[];
  checks: Check[];
  isOk: boolean;
  runs: Run[];
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) =>
  `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
const ms = (n: number) => `${n < 100 ? n.toFixed(1) : int(n)} ms`;
const label = (run: Run) =>
  run.kind === 'baseline'
    ? 'baseline: bare HTTP'
    : run.kind === 'sqlite'
      ? 'hub on SQLite'
      : 'hub on PostgreSQL';

function figuresOf(run: Run, baseline: RunFigures | null): RunFigures {
  const u = run.upload.result;
  const mbPerSecond = u.bytes / 1e6 / u.seconds;
  const databaseCpuSeconds = run.kind === 'baseline' ? 0 : (run.postgresCpuSeconds ?? 0);
  const mbPerCpuSecond = u.bytes / 1e6 / (run.server.result.cpuSeconds + databaseCpuSeconds);
  return {
    run: label(run),
    packets: u.packets,
    megabytes: u.bytes / 1e6,
    seconds: u.seconds,
    packetsPerSecond: u.packets / u.seconds,
    mbPerSecond,
    recordsPerSecond: u.records / u.seconds,
    packetP50Ms: u.packetMs.p50,
    packetP95Ms: u.packetMs.p95,
    packetMaxMs: u.packetMs.max,
    commitP50Ms: u.commitMs.p50,
    commitP95Ms: u.commitMs.p95,
    pieceP95Ms: u.pieceMs.p95,
    serverPeakRssMb: run.server.peakRssMb,
    serverCpuSeconds: run.server.result.cpuSeconds,
    databaseCpuSeconds,
    mbPerCpuSecond,
    clientCpuSeconds: u.cpuSeconds,
    clientPeakRssMb: run.upload.peakRssMb,
    toBaseline: baseline ? mbPerSecond / baseline.mbPerSecond : null,
    toBaselineCpu: baseline ? mbPerCpuSecond / baseline.mbPerCpuSecond : null,
  };
}

function checksOf(run: Run, generate: GenerateResult): Check[] {
  const u = run.upload.result;
  const at = label(run);
  const uploaded: Check = {
    name: `${at}: every packet uploaded without an error`,
    value:
      `${int(u.packets)} of ${int(generate.packets)} packets, ${int(u.errorCount)} errors, ` +
      `${int(run.server.result.errors)} server errors` +
      (u.errors[0] ? ` (first: ${u.errors[0]})` : ''),
    isMet: u.packets === generate.packets && u.errorCount === 0 && run.server.result.errors === 0,
  };
  if (run.kind === 'baseline') return [uploaded];
  const c = run.check.result;
  const retriesOk = u.retries.filter((r) => r.isOk).length;
  const failedRetry = u.retries.find((r) => !r.isOk);
  return [
    {
      name: `${at}: enrolment answers verified (district key, unit, encryption key)`,
      value: u.enrolmentProblems[0] ?? `${int(c.stations)} stations enrolled`,
      isMet: u.enrolmentProblems.length === 0 && c.stations === generate.stations,
    },
    uploaded,
    {
      name: `${at}: every receipt signed by the district, accepting all its records`,
      value:
        `${int(u.receiptsVerified)} of ${int(generate.packets + generate.rebuiltPackets)} receipts` +
        (u.receiptProblems[0] ? ` (first problem: ${u.receiptProblems[0]})` : ''),
      isMet:
        u.receiptProblems.length === 0 &&
        u.receiptsVerified === generate.packets + generate.rebuiltPackets,
    },
    {
      name: `${at}: every record stored exactly once (by outbox id, under its unit)`,
      value:
        `${int(c.records)} records, ${int(c.distinctOutboxIds)} distinct ids, sent ${int(c.expectedRecords)}; ` +
        `missing ${c.missingRecords}, unexpected ${c.unexpectedRecords}, wrong unit ${c.wrongUnit}`,
      isMet:
        c.records === c.expectedRecords &&
        c.distinctOutboxIds === c.records &&
        c.missingRecords === 0 &&
        c.unexpectedRecords === 0 &&
        c.wrongUnit === 0,
    },
    {
      name: `${at}: every photo stored, its bytes read back and hashed`,
      value:
        `${int(c.attachments)} stored, ${int(c.bytesVerified)} hash-checked, sent ${int(c.expectedAttachments)}; ` +
        `missing ${c.missingAttachments}, wrong size ${c.wrongSize}`,
      isMet:
        c.attachments === c.expectedAttachments &&
        c.bytesVerified === c.expectedAttachments &&
        c.missingAttachments === 0 &&
        c.wrongSize === 0,
    },
    {
      name: `${at}: every packet committed, none refused`,
      value: `${int(c.packetsCommitted)} of ${int(c.expectedPackets)}, ${c.packetsNotCommitted} not committed, ${c.refusals} refused`,
      isMet:
        c.packetsCommitted === c.expectedPackets && c.packetsNotCommitted === 0 && c.refusals === 0,
    },
    {
      name: `${at}: audit anchors stored, none flagged`,
      value: `${int(c.anchors)} anchors, ${c.flaggedAnchors} flagged`,
      isMet: c.anchors === c.expectedPackets && c.flaggedAnchors === 0,
    },
    {
      name: `${at}: the work queue has every application`,
      value: `${int(c.workQueue)} office_applications rows for ${int(generate.applications)}`,
      isMet: c.workQueue === generate.applications,
    },
    {
      name: `${at}: duplicates answered with the same receipt, nothing stored twice`,
      value:
        `${retriesOk} of ${u.retries.length} (${[...new Set(u.retries.map((r) => r.kind))].join(', ')})` +
        (failedRetry ? `; ${failedRetry.kind}: ${failedRetry.detail}` : ''),
      isMet: u.retries.length > 0 ? retriesOk === u.retries.length : true,
    },
  ];
}

export function buildReport(
  options: HubBenchOptions,
  machine: HubReport['machine'],
  generate: PhaseOutput<GenerateResult>,
  runs: Run[],
): HubReport {
  const baselineRun = runs.find((r) => r.kind === 'baseline');
  const baseline = baselineRun ? figuresOf(baselineRun, null) : null;
  const checks = runs.flatMap((run) => checksOf(run, generate.result));
  const shown: HubReport['options'] = {
    stations: options.stations,
    applications: options.applications,
    photosPerApplication: options.photosPerApplication,
    photoBytesMin: options.photoBytesMin,
    photoBytesMax: options.photoBytesMax,
    packetApplications: options.packetApplications,
    databases: options.databases,
    retries: options.retries,
    pieceBytes: options.pieceBytes,
    baseline: options.baseline,
    seed: options.seed,
    profile: options.profile,
  };
  return {
    bench: 'hub',
    finishedAt: new Date().toISOString(),
    options: shown,
    machine,
    generate,
    figures: runs.map((run) => figuresOf(run, run === baselineRun ? null : baseline)),
    checks,
    isOk: checks.every((c) => c.isMet),
    runs,
  };
}

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

export function formatReport(report: HubReport): string {
  const { machine: m, figures: f, options: o } = report;
  const g = report.generate.result;
  const column = (make: (x: RunFigures, run: Run) => string) =>
    f.map((x, i) => make(x, report.runs[i] as Run));
  const rows: string[][] = [
    ['', ...column((x) => x.run)],
    ['packets (MB)', ...column((x) => `${int(x.packets)} (${mb(x.megabytes * 1e6)})`)],
    ['upload wall time', ...column((x) => `${x.seconds.toFixed(1)} s`)],
    ['throughput', ...column((x) => `${x.mbPerSecond.toFixed(1)} MB/s`)],
    [
      'packets/s, records/s',
      ...column((x) => `${x.packetsPerSecond.toFixed(1)}, ${int(x.recordsPerSecond)}`),
    ],
    [
      'announce -> commit answered',
      ...column(
        (x) => `p50 ${ms(x.packetP50Ms)}, p95 ${ms(x.packetP95Ms)}, max ${ms(x.packetMaxMs)}`,
      ),
    ],
    ['commit request', ...column((x) => `p50 ${ms(x.commitP50Ms)}, p95 ${ms(x.commitP95Ms)}`)],
    ['piece (PUT) p95', ...column((x) => ms(x.pieceP95Ms))],
    ['server peak RSS', ...column((x) => `${x.serverPeakRssMb.toFixed(0)} MiB`)],
    [
      'CPU: server (+ PostgreSQL), client',
      ...column(
        (x) =>
          `${x.serverCpuSeconds.toFixed(1)} s` +
          (x.databaseCpuSeconds > 0 ? ` (+ ${x.databaseCpuSeconds.toFixed(1)} s)` : '') +
          `, ${x.clientCpuSeconds.toFixed(1)} s`,
      ),
    ],
    ['MB per server CPU second', ...column((x) => x.mbPerCpuSecond.toFixed(1))],
    [
      'hub open, enrol',
      ...column((x, run) =>
        run.kind === 'baseline'
          ? '-'
          : `${run.server.result.openSeconds.toFixed(1)} s, ${run.server.result.enrolSeconds.toFixed(1)} s`,
      ),
    ],
    [
      'database after',
      ...column((x, run) =>
        run.kind === 'baseline'
          ? '-'
          : `${mb(run.check.result.databaseBytes)} (${run.check.result.engine})`,
      ),
    ],
    [
      'over the baseline',
      ...column((x) =>
        x.toBaseline === null || x.toBaselineCpu === null
          ? '-'
          : `${x.toBaseline.toFixed(2)}x (CPU time: ${x.toBaselineCpu.toFixed(2)}x)`,
      ),
    ],
  ];
  const photoKb =
    o.photoBytesMin === o.photoBytesMax
      ? `${int(o.photoBytesMin / 1000)} KB`
      : `${int(o.photoBytesMin / 1000)}-${int(o.photoBytesMax / 1000)} KB`;
  return [
    `Hub bench: ${int(o.stations)} stations upload ${int(g.applications)} kiosk applications ` +
      `(${o.photosPerApplication} photos of ${photoKb} each, up to ${o.packetApplications} per packet) ` +
      `at once over HTTP, ${int(o.pieceBytes / 1024)} KiB pieces`,
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}, node ${m.node}; ` +
      `load average (1/5/15 min) ${m.loadAverages.atStart.join(' ')} at start, ${m.loadAverages.atEnd.join(' ')} at end`,
    `generate (not in any figure): ${int(g.packets)} packets, ${mb(g.packetBytes)} ` +
      `(${int(g.photos)} photos, ${mb(g.photoBytes)}; records ${mb(g.recordBytes)}) + ${g.rebuiltPackets} rebuilt ` +
      `in ${g.seconds.toFixed(1)} s (CPU ${g.cpuSeconds.toFixed(1)} s), peak RSS ${report.generate.peakRssMb.toFixed(0)} MiB`,
    '',
    table(rows),
    '',
    table([
      ['check', 'value', 'result'],
      ...report.checks.map((c) => [c.name, c.value, c.isMet ? 'OK' : 'FAIL']),
    ]),
    '',
    report.isOk ? 'RESULT: OK' : 'RESULT: FAIL',
  ].join('\n');
}
