import type { SyncProblem } from '../../contract';
import type { CoreDeps } from '../deps';
import { syncTarget } from './enrolment';
import { pullUpdates, updatesCursor, waitForUpdates, type PullSummary } from './pull';
import { purgeAttachments } from './purge';
import { syncRun, type SyncRunSummary } from './run';
import type { StationKeys } from './station-keys';
import { noteProblem, noteSuccess, syncSettings } from './status';
import {
  DEFAULT_UPLOAD,
  SyncError,
  type Backoff,
  type SyncTarget,
  type UploadOptions,
} from './upload';

/**
 * Automatic sync in the background (hosts start it; tests drive `runOnce` themselves): a pass
 * every `intervalMs` (upload, pull, purge) and, in between, the long-poll loop that pulls as soon
 * as the hub says a decision is there (docs/sync-protocol.md, "Faster updates").
 */
export interface SyncService {
  /** One pass as the timer does it: only packets whose retry time has come. */
  runOnce(): Promise<'ran' | 'not-enrolled' | 'busy'>;
  /** The periodic pass every `intervalMs` and, unless `live` is false, the long-poll loop. */
  start(intervalMs: number, live?: Partial<LiveOptions> | false): void;
  /** Stops both and waits for what is in flight (a pass, a pull), so the database may close. */
  stop(): Promise<void>;
  /** What the background sync does, as it happens; returns the function that stops listening. */
  onEvent(listener: (event: SyncEvent) => void): () => void;
  /** Ends the loop's idle pause at once (the station was just enrolled). */
  wake(): void;
}

/** Announced by the background sync (tests synchronise on these; nothing else needs them). */
export type SyncEvent =
  /** The loop asks the hub to answer when an update after `after` is there. */
  | { type: 'waiting'; after: number }
  /** Updates were pulled: by the loop after the hub said ready, or by a pass. */
  | { type: 'pulled'; by: 'wait' | 'pass'; applied: number; last: number }
  /** A wait (or the pull after it) failed; the next try comes after `retryInMs`. */
  | { type: 'wait-failed'; reason: string; retryInMs: number }
  /** The loop idles: the station is not enrolled. */
  | { type: 'idle' }
  | { type: 'stopped' };

export interface LiveOptions {
  /** Waits after failures: `baseMs · 2^(failures-1)` up to `capMs`, the upper half jittered. */
  backoff: Backoff;
  /** Per wait request; more than the hub's hold (about 25 s). */
  timeoutMs: number;
  /** How often an idle (not enrolled) loop looks again; wake() ends the pause sooner. */
  idleMs: number;
}

export const DEFAULT_LIVE: LiveOptions = {
  backoff: { baseMs: 2_000, capMs: 60_000, random: Math.random },
  timeoutMs: 45_000,
  idleMs: 60_000,
};

/** The pause after the n-th failure in a row: at least half the exponential step, capped. */
export function liveDelay(backoff: Backoff, failures: number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(failures - 1, 20));
  return Math.floor(ceiling / 2 + (backoff.random() * ceiling) / 2);
}

export interface SyncPassResult {
  summary: SyncRunSummary;
  pulled: number;
  problems: SyncProblem[];
}

/** The service and what the sync handlers share with it: one pass at a time. */
export interface SyncPasses extends SyncService {
  readonly isRunning: boolean;
  /** Resolves once no pass is running (a background pass that started first, for the button). */
  whenIdle(): Promise<void>;
  /**
   * One pass, for the button and the timer alike: upload what is due (everything when forced),
   * pull, purge what the retention allows, and remember the outcome for the sync screen.
   */
  pass(
    target: SyncTarget,
    options: { isForced: boolean; onProgress?: UploadOptions['onProgress'] },
  ): Promise<SyncPassResult>;
}

export function createSyncService(
  deps: CoreDeps,
  keys: StationKeys,
  options: { fetch?: typeof fetch | undefined } = {},
): SyncPasses {
  const fetcher = options.fetch ?? DEFAULT_UPLOAD.fetch;
  let isRunning = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | null = null;
  /** Aborted by stop(): the loop's wait, its pauses and the requests of a running pass end. */
  let lifetime = new AbortController();
  let loop: Promise<void> | null = null;
  let endIdle: (() => void) | null = null;
  const inFlight = new Set<Promise<unknown>>();
  const listeners = new Set<(event: SyncEvent) => void>();
  const emit = (event: SyncEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };

  /** Never two pulls at once (a pass's and the loop's): each starts after the other ended. */
  let pulling: Promise<unknown> = Promise.resolve();
  const pullAlone = (target: SyncTarget, signal: AbortSignal): Promise<PullSummary> => {
    const run = pulling.then(() =>
      pullUpdates(deps, keys, target, {
        fetch: fetcher,
        timeoutMs: DEFAULT_UPLOAD.timeoutMs,
        signal,
      }),
    );
    pulling = run.catch(() => undefined);
    return run;
  };

  const problemOf = (error: SyncError): SyncProblem => ({
    reason: error.reason,
    message: error.message,
    at: deps.ports.clock.now().toISOString(),
  });

  const pass: SyncPasses['pass'] = (target, passOptions) => {
    const work = track(
      (async () => {
        isRunning = true;
        const signal = lifetime.signal;
        try {
          const summary = await syncRun(deps, keys, target, {
            upload: {
              ...DEFAULT_UPLOAD,
              fetch: fetcher,
              signal,
              onProgress: passOptions.onProgress,
            },
            isForced: passOptions.isForced,
          });
          const problems: SyncProblem[] = summary.failed.map((f) => ({
            ...f,
            at: deps.ports.clock.now().toISOString(),
          }));
          let pulled = 0;
          try {
            const pull = await pullAlone(target, signal);
            pulled = pull.applied;
            emit({ type: 'pulled', by: 'pass', applied: pull.applied, last: pull.last });
          } catch (error) {
            if (!(error instanceof SyncError)) throw error;
            problems.push(problemOf(error));
          }
          await purgeAttachments(deps, (await syncSettings(deps)).retentionDays);
          // Packets left waiting for their retry time are neither a success nor a problem.
          if (problems.length > 0) await noteProblem(deps, problems[0] ?? null);
          else if (summary.receipted > 0 || summary.pendingPackets === 0) await noteSuccess(deps);
          return { summary, pulled, problems };
        } finally {
          isRunning = false;
        }
      })(),
    );
    running = work.catch(() => undefined);
    return work;
  };

  const runOnce: SyncService['runOnce'] = async () => {
    const target = await syncTarget(deps);
    if (!target) return 'not-enrolled';
    if (isRunning) return 'busy';
    await pass(target, { isForced: false });
    return 'ran';
  };

  /** A pause that stop() ends (and wake() too, when `isIdle`). */
  const pause = (ms: number, signal: AbortSignal, isIdle: boolean) =>
    new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timeout);
        signal.removeEventListener('abort', finish);
        if (endIdle === finish) endIdle = null;
        resolve();
      };
      const timeout = setTimeout(finish, ms);
      signal.addEventListener('abort', finish, { once: true });
      if (isIdle) endIdle = finish;
    });

  /**
   * Wait, pull when the hub says so, wait again. The cursor rules of pullUpdates hold (one
   * transaction per bundle, each update's sequence remembered), and pulls never overlap, so an
   * update is neither applied twice nor lost whichever pull brings it. Failures pause with a
   * growing, capped backoff; the periodic pass keeps pulling meanwhile.
   */
  const liveLoop = async (live: LiveOptions, signal: AbortSignal): Promise<void> => {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const target = await syncTarget(deps);
        if (!target) {
          emit({ type: 'idle' });
          await pause(live.idleMs, signal, true);
          continue;
        }
        const after = await updatesCursor(deps);
        emit({ type: 'waiting', after });
        const isReady = await waitForUpdates(deps, keys, target, after, {
          fetch: fetcher,
          timeoutMs: live.timeoutMs,
          signal,
        });
        if (isReady) {
          const pulled = await track(pullAlone(target, signal));
          emit({ type: 'pulled', by: 'wait', applied: pulled.applied, last: pulled.last });
          // "Ready" with nothing new to pull would loop at once: count it as a failure.
          if (pulled.last <= after)
            throw new SyncError('NO_PROGRESS', 'the hub said ready but nothing new came', true);
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const retryInMs = liveDelay(live.backoff, failures);
        if (!(error instanceof SyncError))
          deps.ports.log.error('Waiting for district updates failed', { error: String(error) });
        emit({
          type: 'wait-failed',
          reason: error instanceof SyncError ? error.reason : 'INTERNAL',
          retryInMs,
        });
        await pause(retryInMs, signal, false);
      }
    }
  };

  return {
    get isRunning() {
      return isRunning;
    },
    whenIdle: async () => {
      // A pass may start right after the one awaited ended (the timer): wait until none runs.
      while (isRunning) await running;
    },
    pass,
    runOnce,
    start: (intervalMs, live = {}) => {
      if (timer || loop) return;
      if (lifetime.signal.aborted) lifetime = new AbortController();
      timer = setInterval(() => {
        runOnce().catch((error: unknown) =>
          deps.ports.log.error('Automatic sync failed', { error: String(error) }),
        );
      }, intervalMs);
      timer.unref?.();
      if (live !== false) {
        const signal = lifetime.signal;
        loop = liveLoop({ ...DEFAULT_LIVE, ...live }, signal).finally(() => {
          loop = null;
          emit({ type: 'stopped' });
        });
      }
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      lifetime.abort();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    wake: () => endIdle?.(),
  };
}
