import { latency, type Latency } from '../lib/stats';
import type { DayRecords } from './day';

/** The handler whose round trips are the baseline: answered from memory, no database. */
export const BASELINE_HANDLER = 'station-session-get';

/** The goal of issue 16: both p95 under this, at 200 visitors. */
export const GOAL_MS = 100;

export interface DayFigures {
  visitors: number;
  finished: number;
  seconds: number;
  calls: number;
  errors: number;
  errorSamples: string[];
  /** Per handler (the baseline included), send → reply at the desk. */
  byHandler: Record<string, Latency & { errors: number }>;
  /** Every outreach-* call together. */
  overall: Latency;
  baseline: Latency;
  push: {
    /** Display's receipt of 'outreach-called' − the calling desk's receipt of the reply. */
    called: Latency;
    /** Display's receipt of the first 'outreach-display' showing the number − the same. */
    display: Latency;
    /** Display's receipt of 'outreach-called' − the desk's send of call-next ("click to screen"). */
    clickToScreen: Latency;
    /** Calls the display got no 'outreach-called' or no 'outreach-display' for. */
    missingCalled: number;
    missingDisplay: number;
    /** Pushes per name at the display. */
    counts: Record<string, number>;
  };
}

export function dayFigures(records: DayRecords, visitors: number): DayFigures {
  const byName = new Map<string, typeof records.calls>();
  for (const call of records.calls) byName.set(call.name, [...(byName.get(call.name) ?? []), call]);
  const byHandler: DayFigures['byHandler'] = {};
  for (const [name, calls] of [...byName].sort((a, b) => a[0].localeCompare(b[0])))
    byHandler[name] = {
      ...latency(calls.map((c) => c.ms)),
      errors: calls.filter((c) => !c.ok).length,
    };
  const errors = records.calls.filter((c) => !c.ok);
  const timings = records.timings;
  const after = (
    at: (t: (typeof timings)[number]) => number | null,
    from: 'sentAt' | 'repliedAt',
  ) =>
    latency(
      timings.flatMap((t) => {
        const value = at(t);
        return value === null ? [] : [value - t[from]];
      }),
    );
  return {
    visitors,
    finished: records.finished,
    seconds: records.seconds,
    calls: records.calls.length,
    errors: errors.length,
    errorSamples: errors.slice(0, 10).map((e) => `${e.name} (${e.desk}): ${e.error ?? ''}`),
    byHandler,
    overall: latency(records.calls.filter((c) => c.name.startsWith('outreach-')).map((c) => c.ms)),
    baseline: latency(records.calls.filter((c) => c.name === BASELINE_HANDLER).map((c) => c.ms)),
    push: {
      called: after((t) => t.calledPushAt, 'repliedAt'),
      display: after((t) => t.displayPushAt, 'repliedAt'),
      clickToScreen: after((t) => t.calledPushAt, 'sentAt'),
      missingCalled: timings.filter((t) => t.calledPushAt === null).length,
      missingDisplay: timings.filter((t) => t.displayPushAt === null).length,
      counts: records.displayPushes,
    },
  };
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');

/** `p95 <what> 12.3 ms (p50 .., max .., n ..)`. */
function p95Line(what: string, l: Latency): string {
  return `p95 ${what} ${f1(l.p95)} ms (p50 ${f1(l.p50)}, p99 ${f1(l.p99)}, max ${f1(l.max)}, n ${l.count})`;
}

/** The printed figures: one `p95` line per handler and per push, then the baseline and RSS. */
export function dayLines(figures: DayFigures, peakRssMb: number | null): string[] {
  const lines: string[] = [];
  for (const [name, l] of Object.entries(figures.byHandler)) {
    if (name === BASELINE_HANDLER) continue;
    lines.push(p95Line(`handler ${name}`, l) + (l.errors > 0 ? `, ${l.errors} errors` : ''));
  }
  lines.push(p95Line('handler overall (every outreach-* call)', figures.overall));
  lines.push(p95Line(`baseline ${BASELINE_HANDLER} (same sockets, same run)`, figures.baseline));
  lines.push(
    p95Line('push display outreach-called (after the desk got its reply)', figures.push.called),
  );
  lines.push(p95Line('push display outreach-display (after the reply)', figures.push.display));
  lines.push(
    p95Line(
      'push display click-to-screen (desk send → display receipt)',
      figures.push.clickToScreen,
    ),
  );
  if (peakRssMb !== null) lines.push(`peak RSS station ${f1(peakRssMb)} MiB (VmHWM)`);
  return lines;
}

/** Problems that make the run fail (wrong or missing work, not slowness). */
export function dayProblems(
  figures: DayFigures,
  expectedServices: number,
  doneServices: number,
): string[] {
  const problems: string[] = [];
  if (figures.errors > 0) problems.push(`${figures.errors} calls failed`);
  if (figures.finished !== figures.visitors)
    problems.push(`${figures.finished} of ${figures.visitors} visits finished`);
  if (doneServices !== expectedServices)
    problems.push(`${doneServices} of ${expectedServices} services settled`);
  if (figures.push.missingCalled > 0)
    problems.push(`${figures.push.missingCalled} calls without an outreach-called push`);
  if (figures.push.missingDisplay > 0)
    problems.push(`${figures.push.missingDisplay} calls never shown by an outreach-display push`);
  return problems;
}

/** Whether the goal holds: handler p95 (overall) and both push p95 under GOAL_MS. */
export function goalLines(figures: DayFigures): { lines: string[]; met: boolean } {
  const checks: Array<[string, number]> = [
    ['handler overall', figures.overall.p95],
    ['push display outreach-called', figures.push.called.p95],
    ['push display outreach-display', figures.push.display.p95],
  ];
  const lines = checks.map(
    ([what, p95]) =>
      `goal ${what}: p95 ${f1(p95)} ms < ${GOAL_MS} ms ${p95 < GOAL_MS ? 'MET' : 'MISSED'}`,
  );
  return { lines, met: checks.every(([, p95]) => p95 < GOAL_MS) };
}
