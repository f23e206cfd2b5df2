import { statfs } from 'node:fs/promises';
import { oldestUnexportedAt, pendingWork } from '../../../db/queries/sync-status';
import type { OfflineGuard, SyncProblem, SyncSettings, SyncStatus } from '../../contract';
import { getSetting, putSetting } from '../../../db/queries/settings';
import type { CoreDeps } from '../deps';
import { districtFingerprint, storedEnrolment } from './enrolment';
import { keyId } from '../../protocol/packet/keys';
import { updatesCursor } from './pull';
import type { StationKeys } from './station-keys';

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  warnDays: 3,
  blockDays: 7,
  minFreeMb: 2048,
  retentionDays: 30,
};
const SETTINGS = 'sync.settings';
const LAST_PROBLEM = 'sync.last-problem';
const LAST_SUCCESS = 'sync.last-success';
const DAY_MS = 24 * 3600 * 1000;

export async function syncSettings(deps: Pick<CoreDeps, 'db'>): Promise<SyncSettings> {
  return {
    ...DEFAULT_SYNC_SETTINGS,
    ...((await getSetting<SyncSettings>(deps.db, SETTINGS)) ?? {}),
  };
}

export async function putSyncSettings(deps: CoreDeps, settings: SyncSettings): Promise<void> {
  await putSetting(deps.db, SETTINGS, settings, deps.ports.clock.now().toISOString());
}

export async function noteProblem(deps: CoreDeps, problem: SyncProblem | null): Promise<void> {
  await putSetting(deps.db, LAST_PROBLEM, problem, deps.ports.clock.now().toISOString());
}

export async function noteSuccess(deps: CoreDeps): Promise<void> {
  const at = deps.ports.clock.now().toISOString();
  await putSetting(deps.db, LAST_SUCCESS, at, at);
  await putSetting(deps.db, LAST_PROBLEM, null, at);
}

/** Free bytes where the data folder lives; null when the platform cannot tell. */
export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

/**
 * Item 6: warn, then refuse new recordings, when the oldest work without a district receipt is
 * too old or the disk is nearly full. Training stations are guarded the same way (they practise
 * the real rules).
 */
export async function offlineGuard(deps: CoreDeps): Promise<OfflineGuard> {
  const settings = await syncSettings(deps);
  const oldest = await oldestUnexportedAt(deps.db);
  const now = deps.ports.clock.now().getTime();
  const oldestUnsyncedDays = oldest
    ? Math.max(0, Math.floor((now - Date.parse(oldest)) / DAY_MS))
    : null;
  const free = await freeBytes(deps.ports.paths.dataDir);
  const minFree = settings.minFreeMb * 1024 * 1024;
  const reasons: OfflineGuard['reasons'] = [];
  let level: OfflineGuard['level'] = 'ok';
  const raise = (to: 'warn' | 'block') => {
    if (to === 'block' || level === 'ok') level = to;
  };
  if (oldestUnsyncedDays !== null && oldestUnsyncedDays >= settings.warnDays) {
    reasons.push('UNSYNCED_OLD');
    raise(oldestUnsyncedDays >= settings.blockDays ? 'block' : 'warn');
  }
  if (free !== null && free < 2 * minFree) {
    reasons.push('DISK_LOW');
    raise(free < minFree ? 'block' : 'warn');
  }
  return { level, reasons, oldestUnsyncedDays, freeBytes: free, settings };
}

export async function syncStatus(
  deps: CoreDeps,
  keys: StationKeys,
  isRunning: boolean,
): Promise<SyncStatus> {
  const enrolment = await storedEnrolment(deps);
  const pending = await pendingWork(deps.db);
  return {
    isEnrolled: enrolment !== null,
    districtName: enrolment?.districtName ?? null,
    hubUrl: enrolment?.hubUrl ?? null,
    districtKeyId: enrolment ? districtFingerprint(enrolment) : null,
    unitId: deps.unit.unit_id,
    stationKeyId: keyId(keys.signing.publicRaw),
    pending: {
      records: pending.records,
      packets: pending.packets,
      bytes: pending.bytes,
      oldestAt: pending.oldestAt,
    },
    rejected: pending.rejected,
    lastSuccessAt: await getSetting<string>(deps.db, LAST_SUCCESS),
    lastProblem: await getSetting<SyncProblem>(deps.db, LAST_PROBLEM),
    nextAttemptAt: pending.nextAttemptAt,
    isRunning,
    guard: await offlineGuard(deps),
    updatesCursor: await updatesCursor(deps),
  };
}
