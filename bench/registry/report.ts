import type { Machine } from '../lib/machine';
import type { PhaseOutput } from '../lib/phase';
import type { BaselineResult } from './baseline';
import type { GenerateResult } from './generate';
import type { ImportResult } from './import';
import type { LookupsResult } from './lookups';
import type { RegistryBenchOptions } from './options';

export interface RegistryReport {
  bench: 'registry';
  finishedAt: string;
  options: Pick<
    RegistryBenchOptions,
    'residents' | 'seed' | 'villages' | 'nikLookups' | 'nameRounds' | 'profile' | 'cacheMb'
  >;
  machine: Machine;
  figures: {
    generateSeconds: number;
    importRowsPerSecond: number;
    baselineRowsPerSecond: number;
    importToBaseline: number;
    /** The same ratio in rows per CPU second: a check when other work shared the machine. */
    importToBaselineCpu: number;
    nikLookupMs: { p50: number; p99: number };
    nameSearchMs: { p50: number; p95: number };
    databaseBytes: number;
    peakRssMb: Record<'generate' | 'import' | 'baseline' | 'lookups', number>;
  };
  targets: Array<{ name: string; value: string; target: string; isMet: boolean }>;
  phases: {
    generate: PhaseOutput<GenerateResult>;
    import: PhaseOutput<ImportResult>;
    baseline: PhaseOutput<BaselineResult>;
    lookups: PhaseOutput<LookupsResult>;
  };
}

export function buildReport(
  options: RegistryBenchOptions,
  machine: Machine,
  phases: RegistryReport['phases'],
): RegistryReport {
  const imp = phases.import.result;
  const base = phases.baseline.result;
  const look = phases.lookups.result;
  const importRate = imp.rowsAccepted / imp.seconds;
  const baselineRate = base.residents / base.insertSeconds;
  const ratio = importRate / baselineRate;
  const figures: RegistryReport['figures'] = {
    generateSeconds: phases.generate.result.seconds,
    importRowsPerSecond: importRate,
    baselineRowsPerSecond: baselineRate,
    importToBaseline: ratio,
    importToBaselineCpu:
      imp.rowsAccepted / imp.cpuSeconds / (base.residents / base.insertCpuSeconds),
    nikLookupMs: { p50: look.nik.all.p50, p99: look.nik.all.p99 },
    nameSearchMs: { p50: look.names.all.p50, p95: look.names.all.p95 },
    databaseBytes: imp.size.dbBytes + imp.size.walBytes,
    peakRssMb: {
      generate: phases.generate.peakRssMb,
      import: phases.import.peakRssMb,
      baseline: phases.baseline.peakRssMb,
      lookups: phases.lookups.peakRssMb,
    },
  };
  return {
    bench: 'registry',
    finishedAt: new Date().toISOString(),
    options: {
      residents: options.residents,
      seed: options.seed,
      villages: options.villages,
      nikLookups: options.nikLookups,
      nameRounds: options.nameRounds,
      profile: options.profile,
      cacheMb: options.cacheMb,
    },
    machine,
    figures,
    targets: [
      {
        name: 'import / baseline',
        value: `${ratio.toFixed(2)}x (CPU time: ${figures.importToBaselineCpu.toFixed(2)}x)`,
        target: '>= 0.70x',
        isMet: ratio >= 0.7,
      },
      {
        name: 'NIK lookup p99',
        value: `${ms(figures.nikLookupMs.p99)}`,
        target: '< 1 ms',
        isMet: figures.nikLookupMs.p99 < 1,
      },
      {
        name: 'name search p95',
        value: `${ms(figures.nameSearchMs.p95)}`,
        target: '< 25 ms',
        isMet: figures.nameSearchMs.p95 < 25,
      },
      {
        name: 'import peak RSS',
        value: `${figures.peakRssMb.import.toFixed(0)} MB`,
        target: '< 400 MB',
        isMet: figures.peakRssMb.import < 400,
      },
    ],
    phases,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n < 1 ? n.toFixed(3) : n.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

export function formatReport(report: RegistryReport): string {
  const { figures: f, machine: m, phases: p } = report;
  const imp = p.import.result;
  const base = p.baseline.result;
  const gen = p.generate.result;
  const lines: string[] = [];
  lines.push(
    `Registry bench: ${int(gen.residents)} residents in ${int(gen.families)} families ` +
      `(seed ${report.options.seed}, ${report.options.villages} villages)` +
      (report.options.cacheMb
        ? `; WHAT-IF: cache_size ${report.options.cacheMb} MiB instead of the station's`
        : ''),
    `machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}, node ${m.node}, ` +
      `SQLite ${m.sqlite}; load average ${m.load.atStart} at start, ${m.load.atEnd} at end`,
    '',
    table([
      ['phase', 'figure', 'peak RSS'],
      [
        'generate CSV',
        `${gen.seconds.toFixed(1)} s, ${mb(gen.bytes)} (not part of the ratio)`,
        `${p.generate.peakRssMb.toFixed(0)} MB`,
      ],
      [
        'import (importExtract)',
        `${int(f.importRowsPerSecond)} rows/s (${imp.seconds.toFixed(1)} s, ` +
          `CPU ${imp.cpuSeconds.toFixed(1)} s, ` +
          `${int(imp.rowsAccepted)} accepted, ${int(imp.rowsRejected)} rejected)`,
        `${p.import.peakRssMb.toFixed(0)} MB`,
      ],
      [
        'baseline (prepared inserts)',
        `${int(f.baselineRowsPerSecond)} rows/s (${base.insertSeconds.toFixed(1)} s, ` +
          `CPU ${base.insertCpuSeconds.toFixed(1)} s, in ` +
          `${int(base.chunks)} transactions of ${int(imp.chunkRows)})`,
        `${p.baseline.peakRssMb.toFixed(0)} MB`,
      ],
      [
        'lookups',
        `NIK p50 ${ms(f.nikLookupMs.p50)} p99 ${ms(f.nikLookupMs.p99)}; ` +
          `name p50 ${ms(f.nameSearchMs.p50)} p95 ${ms(f.nameSearchMs.p95)}`,
        `${p.lookups.peakRssMb.toFixed(0)} MB`,
      ],
      [
        'database',
        `${mb(f.databaseBytes)} after checkpoint (WAL was ${mb(imp.sizeBeforeCheckpoint.walBytes)}` +
          ` before); baseline ${mb(base.size.dbBytes + base.size.walBytes)}`,
        '',
      ],
    ]),
    '',
    table([
      ['target', 'value', 'target', 'result'],
      ...report.targets.map((t) => [t.name, t.value, t.target, t.isMet ? 'PASS' : 'MISS']),
    ]),
    '',
    'rows written: ' +
      Object.entries(imp.written)
        .map(
          ([t, n]) =>
            `${t} ${int(n)}${base.counts[t] === undefined ? '' : ` (baseline ${int(base.counts[t])})`}`,
        )
        .join(', '),
    formatLookups(p.lookups),
  );
  return lines.join('\n');
}

/** The lookup figures in detail (also printed alone by --lookups-only). */
export function formatLookups(output: PhaseOutput<LookupsResult>): string {
  const look = output.result;
  return [
    `NIK lookups (registry-search): ${int(look.nik.existing.count)} existing (p50 ${ms(look.nik.existing.p50)}, ` +
      `p99 ${ms(look.nik.existing.p99)}), ${int(look.nik.missing.count)} missing (p50 ` +
      `${ms(look.nik.missing.p50)}, p99 ${ms(look.nik.missing.p99)}); ` +
      `${look.nik.wrong} wrong answers; getResidentByNik p50 ${ms(look.nikDirect.p50)}, ` +
      `p99 ${ms(look.nikDirect.p99)}`,
    `name search (searchResidents): p50 ${ms(look.names.all.p50)}, p95 ${ms(look.names.all.p95)}` +
      `; ${look.names.queries} queries x ${look.names.rounds} rounds, limit ` +
      `${look.names.limit}; expected name among results for ${look.names.nameHits}/` +
      `${look.names.judged} queries, the very resident for ${look.names.residentHits}/` +
      `${look.names.judged}`,
    '',
    table([
      ['query kind', 'n', 'p50', 'p95', 'max', 'found name'],
      ...look.names.byKind.map((k) => [
        k.kind,
        String(k.queries),
        ms(k.latency.p50),
        ms(k.latency.p95),
        ms(k.latency.max),
        k.judged > 0 ? `${k.nameHits}/${k.judged}` : '-',
      ]),
    ]),
    '',
    'slowest name queries (median of rounds): ' +
      look.names.slowest.map((s) => `${s.id} "${s.query}" ${ms(s.medianMs)}`).join('; '),
    `lookups peak RSS ${output.peakRssMb.toFixed(0)} MB`,
  ].join('\n');
}
