import type { SyncProblem } from '../../contract';
import type { CoreDeps } from '../deps';
import { syncTarget } from './enrolment';
import { pullUpdates } from './pull';
import { purgeAttachments } from './purge';
import { syncRun, type SyncRunSummary } from './run';
import type { StationKeys } from './station-keys';
import { noteProblem, noteSuccess, syncSettings } from './status';
import { DEFAULT_UPLOAD, SyncError, type SyncTarget, type UploadOptions } from './upload';

/** Automatic sync in the background (hosts start it; tests drive `runOnce` themselves). */
export interface SyncService {
  /** One pass as the timer does it: only packets whose retry time has come. */
  runOnce(): Promise<'ran' | 'not-enrolled' | 'busy'>;
  start(intervalMs: number): void;
  stop(): void;
}

export interface SyncPassResult {
  summary: SyncRunSummary;
  pulled: number;
  problems: SyncProblem[];
}

/** The service and what the sync handlers share with it: one pass at a time. */
export interface SyncPasses extends SyncService {
  readonly isRunning: boolean;
  /**
   * One pass, for the button and the timer alike: upload what is due (everything when forced),
   * pull, purge what the retention allows, and remember the outcome for the sync screen.
   */
  pass(
    target: SyncTarget,
    options: { isForced: boolean; onProgress?: UploadOptions['onProgress'] },
  ): Promise<SyncPassResult>;
}

export function createSyncService(deps: CoreDeps, keys: StationKeys): SyncPasses {
  let isRunning = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const problemOf = (error: SyncError): SyncProblem => ({
    reason: error.reason,
    message: error.message,
    at: deps.ports.clock.now().toISOString(),
  });

  const pass: SyncPasses['pass'] = async (target, options) => {
    isRunning = true;
    try {
      const summary = await syncRun(deps, keys, target, {
        upload: { ...DEFAULT_UPLOAD, onProgress: options.onProgress },
        isForced: options.isForced,
      });
      const problems: SyncProblem[] = summary.failed.map((f) => ({
        ...f,
        at: deps.ports.clock.now().toISOString(),
      }));
      let pulled = 0;
      try {
        pulled = (await pullUpdates(deps, keys, target)).applied;
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
  };

  const runOnce: SyncService['runOnce'] = async () => {
    const target = await syncTarget(deps);
    if (!target) return 'not-enrolled';
    if (isRunning) return 'busy';
    await pass(target, { isForced: false });
    return 'ran';
  };
  return {
    get isRunning() {
      return isRunning;
    },
    pass,
    runOnce,
    start: (intervalMs) => {
      if (timer) return;
      timer = setInterval(() => {
        runOnce().catch((error: unknown) =>
          deps.ports.log.error('Automatic sync failed', { error: String(error) }),
        );
      }, intervalMs);
      timer.unref?.();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
