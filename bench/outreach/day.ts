import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutreachVisit, PushEvents, QueueDisplayState } from '../../electron/contract';
import type { TrainingVisitor } from '../../electron/core/outreach/training';
import type { Link, TimedReply } from './link';

/**
 * The simulated day of the outreach bench: visitors arrive (spread over the desk connections),
 * each desk calls the next number, works its services (in progress, then done or follow-up with
 * a reason), finishes the visit and reads its session once (the baseline: a round trip the
 * server answers from memory). The queue display only listens. Every call and every push is
 * recorded with the bench process's clock.
 */
export interface CallRecord {
  name: string;
  desk: string;
  ms: number;
  ok: boolean;
  error?: string;
}

/** When a number was called: the desk's send and reply, and the display's receipts. */
export interface CallTiming {
  desk: string;
  number: string;
  sentAt: number;
  repliedAt: number;
  /** The 'outreach-called' push for it at the display (not a repeat). */
  calledPushAt: number | null;
  /**
   * The first 'outreach-display' push showing this desk at this number or a later one: the
   * display is up to date with the call (a state built after the desk's next call already shows
   * that one, and this number is then in its recent list).
   */
  displayPushAt: number | null;
}

export interface DayRecords {
  calls: CallRecord[];
  timings: CallTiming[];
  /** Pushes the display got: counts per push name. */
  displayPushes: Record<string, number>;
  /** Visits the desks finished. */
  finished: number;
  /** Wall time from the first arrival to the last finish, s. */
  seconds: number;
  /** Whether every call's pushes had arrived when the bench stopped waiting for them. */
  pushesComplete: boolean;
}

export interface DayDesk {
  desk: string;
  link: Link;
}

export interface DayOptions {
  eventId: string;
  visitors: readonly TrainingVisitor[];
  desks: readonly DayDesk[];
  display: Link;
  /** Pause of a desk between two calls, ms (0: none). */
  thinkMs: number;
  random: () => number;
  /** Stop the day after this many failed calls (a broken station would spin otherwise). */
  maxErrors?: number;
  /**
   * After the last finish, wait at most this long for pushes still under way (ms; the bench's
   * own test waits without a bound and lets its test timeout speak).
   */
  pushGraceMs?: number;
}

const key = (desk: string, number: string) => `${desk}\u0000${number}`;

/** Arrivals so far, and a way to wait for the next one without polling. */
class Arrivals {
  count = 0;
  done = false;
  #waiters: Array<() => void> = [];

  add(): void {
    this.count += 1;
    this.#wake();
  }

  finish(): void {
    this.done = true;
    this.#wake();
  }

  /** Resolves once there were more than `seen` arrivals, or all have arrived. */
  after(seen: number): Promise<void> {
    if (this.count > seen || this.done) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #wake(): void {
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}

/** What the queue display received, on the bench's clock. */
class DisplayLog {
  readonly counts: Record<string, number> = {};
  /** 'outreach-called' (not repeats): first receipt per desk and number. */
  readonly called = new Map<string, number>();
  /** Per desk: each new number an 'outreach-display' state showed, in receipt order. */
  readonly shown = new Map<string, Array<{ number: number; at: number }>>();
  #onPush: (() => void) | null = null;

  record(name: string, payload: unknown, at: number): void {
    this.counts[name] = (this.counts[name] ?? 0) + 1;
    if (name === 'outreach-called') {
      const call = payload as PushEvents['outreach-called'];
      const k = key(call.desk, call.number);
      if (!call.repeat && !this.called.has(k)) this.called.set(k, at);
    } else if (name === 'outreach-display') {
      for (const row of (payload as QueueDisplayState).desks) {
        if (!row.number) continue;
        const list = this.shown.get(row.desk) ?? [];
        this.shown.set(row.desk, list);
        const number = Number(row.number);
        if ((list.at(-1)?.number ?? -1) < number) list.push({ number, at });
      }
    }
    this.#onPush?.();
  }

  /** First receipt of a display state showing `desk` at `number` or later (numbers only grow). */
  shownAt(desk: string, number: number): number | null {
    return this.shown.get(desk)?.find((entry) => entry.number >= number)?.at ?? null;
  }

  isComplete(timings: Iterable<CallTiming>): boolean {
    for (const t of timings)
      if (
        !this.called.has(key(t.desk, t.number)) ||
        this.shownAt(t.desk, Number(t.number)) === null
      )
        return false;
    return true;
  }

  /** Resolves once `timings` all have their pushes, or after `graceMs`. */
  waitFor(timings: CallTiming[], graceMs: number): Promise<boolean> {
    if (this.isComplete(timings)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(graceMs)
        ? setTimeout(() => {
            this.#onPush = null;
            resolve(false);
          }, graceMs)
        : null;
      this.#onPush = () => {
        if (!this.isComplete(timings)) return;
        if (timer) clearTimeout(timer);
        this.#onPush = null;
        resolve(true);
      };
    });
  }
}

export async function runDay(options: DayOptions): Promise<DayRecords> {
  const calls: CallRecord[] = [];
  const timings: CallTiming[] = [];
  const shown = new DisplayLog();
  const maxErrors = options.maxErrors ?? 20;
  let errors = 0;
  let finished = 0;

  options.display.onPush((name, payload, at) => shown.record(name, payload, at));

  const timed = async (desk: DayDesk, name: string, args: unknown): Promise<TimedReply> => {
    const reply = await desk.link.call(name, args);
    const ms = reply.repliedAt - reply.sentAt;
    if (reply.result.ok) calls.push({ name, desk: desk.desk, ms, ok: true });
    else {
      errors += 1;
      const e = reply.result.error;
      calls.push({
        name,
        desk: desk.desk,
        ms,
        ok: false,
        error: `${e.code} ${e.reason ?? ''} ${e.message}`,
      });
    }
    return reply;
  };
  const failing = () => errors >= maxErrors;
  const think = async () => {
    if (options.thinkMs > 0) await sleep(options.thinkMs * (0.5 + options.random()));
  };

  const display = await options.display.call('outreach-display-get', {});
  if (!display.result.ok) throw new Error(`outreach-display-get: ${display.result.error.message}`);

  const arrivals = new Arrivals();
  /** The plan of each arrived visit, by visit id: how the desk settles its services. */
  const outcomes = new Map<string, TrainingVisitor>();
  const started = performance.now();

  const arrive = async () => {
    for (const [index, visitor] of options.visitors.entries()) {
      if (failing()) break;
      const desk = options.desks[index % options.desks.length] as DayDesk;
      const reply = await timed(desk, 'outreach-visit-arrive', {
        eventId: options.eventId,
        name: visitor.name,
        nik: visitor.nik,
        services: visitor.services,
      });
      if (reply.result.ok) {
        const visit = reply.result.value as OutreachVisit;
        outcomes.set(visit.id, visitor);
        arrivals.add();
      }
      await think();
    }
    arrivals.finish();
  };

  const serve = async (desk: DayDesk) => {
    while (!failing()) {
      const seen = arrivals.count;
      const allArrived = arrivals.done;
      const reply = await timed(desk, 'outreach-call-next', {
        eventId: options.eventId,
        visitId: null,
      });
      if (!reply.result.ok) continue;
      const visit = reply.result.value as OutreachVisit | null;
      if (!visit) {
        if (allArrived) return;
        await arrivals.after(seen);
        continue;
      }
      timings.push({
        desk: visit.desk ?? desk.desk,
        number: visit.number,
        sentAt: reply.sentAt,
        repliedAt: reply.repliedAt,
        calledPushAt: null,
        displayPushAt: null,
      });
      const visitor = outcomes.get(visit.id);
      await think();
      for (const [index, service] of visit.services.entries()) {
        const outcome = visitor?.outcomes[index] ?? { status: 'done', reason: null };
        await timed(desk, 'outreach-visit-service-set', {
          serviceId: service.id,
          status: 'in-progress',
          reason: null,
        });
        await think();
        await timed(desk, 'outreach-visit-service-set', {
          serviceId: service.id,
          status: outcome.status,
          reason: outcome.reason,
        });
        await think();
      }
      const done = await timed(desk, 'outreach-visit-finish', { visitId: visit.id });
      if (done.result.ok) finished += 1;
      await timed(desk, 'station-session-get', {});
      await think();
    }
  };

  await Promise.all([arrive(), ...options.desks.map((desk) => serve(desk))]);
  const seconds = (performance.now() - started) / 1000;
  const pushesComplete = await shown.waitFor(timings, options.pushGraceMs ?? Infinity);
  for (const t of timings) {
    t.calledPushAt = shown.called.get(key(t.desk, t.number)) ?? null;
    t.displayPushAt = shown.shownAt(t.desk, Number(t.number));
  }
  return { calls, timings, displayPushes: shown.counts, finished, seconds, pushesComplete };
}
