import { readdirSync, statSync, accessSync, constants } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { z } from 'zod';
import { failWith, ok, type SyncProblem } from '../../contract';
import type { App, CallContext } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { verifyQrPayload } from '../../protocol/document-qr';
import { applyEnrolmentAnswer, enrolmentRequest, storedEnrolment, syncTarget } from './enrolment';
import { keyId } from '../../protocol/packet/keys';
import { pullUpdates } from './pull';
import { purgeAttachments } from './purge';
import { syncRun, type SyncRunSummary } from './run';
import { stationKeys, type StationKeys } from './station-keys';
import {
  freeBytes,
  noteProblem,
  noteSuccess,
  putSyncSettings,
  syncSettings,
  syncStatus,
} from './status';
import { DEFAULT_UPLOAD, SyncError, type SyncTarget, type UploadOptions } from './upload';
import { usbExport, usbImport } from './usb';

const empty = z.strictObject({});
const NOT_ENROLLED = failWith(
  'CONFLICT',
  'NOT_ENROLLED',
  'This station is not enrolled with the district',
);
const PROGRESS_INTERVAL_MS = 250;

/** Where removable drives are mounted on the Linux machines the stations run on. */
const MOUNT_ROOTS = ['/media', '/run/media', '/mnt'];

/** Automatic sync in the background (hosts start it; tests drive `runOnce` themselves). */
export interface SyncService {
  /** One pass as the timer does it: only packets whose retry time has come. */
  runOnce(): Promise<'ran' | 'not-enrolled' | 'busy'>;
  start(intervalMs: number): void;
  stop(): void;
}

export function registerSync(app: App, deps: CoreDeps): SyncService {
  const keys: StationKeys = stationKeys(deps.ports.keyStore);
  let isRunning = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  const status = () => syncStatus(deps, keys, isRunning);
  const problemOf = (error: SyncError): SyncProblem => ({
    reason: error.reason,
    message: error.message,
    at: deps.ports.clock.now().toISOString(),
  });

  app.method('sync-status', { role: 'operator', args: empty, run: async () => ok(await status()) });

  app.method('sync-enrolment-request', {
    role: 'admin',
    args: empty,
    run: async (_args, ctx) => {
      const request = enrolmentRequest(deps, keys);
      const json = JSON.stringify(request, null, 2);
      await recordAuditAlone(deps, ctx.session, 'sync.enrolment-request', {
        stationKeyId: keyId(keys.signing.publicRaw),
      });
      return ok({
        fileName: `pendaftaran-${deps.unit.unit_id}.json`,
        json,
        qrDataUrl: await QRCode.toDataURL(JSON.stringify(request), {
          errorCorrectionLevel: 'L',
          margin: 2,
          width: 480,
        }),
        stationKeyId: keyId(keys.signing.publicRaw),
      });
    },
  });

  app.method('sync-enrolment-apply', {
    role: 'admin',
    args: z.strictObject({ json: z.string().min(2).max(20_000) }),
    run: async (args, ctx) => {
      let value: unknown;
      try {
        value = JSON.parse(args.json);
      } catch {
        return failWith('INVALID_ARGS', 'NOT_AN_ANSWER', 'The answer file is not JSON', ['json']);
      }
      const applied = await applyEnrolmentAnswer(deps, value);
      if (!applied.ok)
        return failWith(
          'INVALID_ARGS',
          applied.problem,
          `Enrolment answer refused: ${applied.problem}`,
          ['json'],
        );
      await recordAuditAlone(deps, ctx.session, 'sync.enrolled', {
        hubUrl: applied.enrolment.hubUrl,
        districtName: applied.enrolment.districtName,
      });
      return ok(await status());
    },
  });

  app.method('sync-run', {
    role: 'operator',
    args: empty,
    run: async (_args, ctx) => {
      const target = await syncTarget(deps);
      if (!target) return NOT_ENROLLED;
      if (isRunning) return failWith('CONFLICT', 'SYNC_RUNNING', 'A sync is already running');
      const progress = throttledProgress(ctx, 'Mengirim paket');
      const { summary, pulled, problems } = await pass(target, {
        isForced: true,
        onProgress: (_id, sent, total) => progress(sent, total),
      });
      const counts = {
        built: summary.built,
        receipted: summary.receipted,
        exported: summary.exported,
        rejected: summary.rejected,
        pulled,
      };
      await recordAuditAlone(deps, ctx.session, 'sync.run', {
        ...counts,
        problems: problems.map((p) => p.reason),
      });
      return ok({ ...counts, problems, status: await status() });
    },
  });

  app.method('sync-usb-drives', {
    role: 'operator',
    args: empty,
    run: async () => ok(await listDrives()),
  });

  const drivePath = z
    .string()
    .min(1)
    .max(500)
    .refine((p) => isAbsolute(p), 'an absolute folder path');

  app.method('sync-usb-export', {
    role: 'operator',
    args: z.strictObject({ path: drivePath }),
    run: async (args, ctx) => {
      const target = await syncTarget(deps);
      if (!target) return NOT_ENROLLED;
      const folder = checkFolder(deps, args.path);
      if (!folder.ok) return folder;
      const progress = throttledProgress(ctx, 'Menyalin ke USB');
      const result = await usbExport(deps, keys, target, folder.value, { onProgress: progress });
      await recordAuditAlone(deps, ctx.session, 'sync.usb-export', {
        ...result,
        path: folder.value,
      });
      return ok({ ...result, folder: folder.value, status: await status() });
    },
  });

  app.method('sync-usb-import', {
    role: 'operator',
    args: z.strictObject({ path: drivePath }),
    run: async (args, ctx) => {
      const target = await syncTarget(deps);
      if (!target) return NOT_ENROLLED;
      const folder = checkFolder(deps, args.path);
      if (!folder.ok) return folder;
      const result = await usbImport(deps, target, folder.value);
      if (result.receipts > 0 || (result.updates?.applied ?? 0) > 0) await noteSuccess(deps);
      await recordAuditAlone(deps, ctx.session, 'sync.usb-import', {
        receipts: result.receipts,
        exported: result.exported,
        refused: result.refused.length,
        path: folder.value,
      });
      return ok({
        receipts: result.receipts,
        exported: result.exported,
        rejected: result.rejected,
        updatesApplied: result.updates?.applied ?? 0,
        refused: result.refused,
        status: await status(),
      });
    },
  });

  app.method('sync-settings-get', {
    role: 'operator',
    args: empty,
    run: async () => ok(await syncSettings(deps)),
  });

  app.method('sync-settings-set', {
    role: 'admin',
    args: z
      .strictObject({
        warnDays: z.number().int().min(1).max(60),
        blockDays: z.number().int().min(1).max(90),
        minFreeMb: z.number().int().min(100).max(100_000),
        retentionDays: z.number().int().min(0).max(365),
      })
      .refine((s) => s.blockDays >= s.warnDays, {
        path: ['blockDays'],
        message: 'blockDays ≥ warnDays',
      }),
    run: async (args, ctx) => {
      await putSyncSettings(deps, args);
      await recordAuditAlone(deps, ctx.session, 'sync.settings', { ...args });
      return ok(await syncSettings(deps));
    },
  });

  app.method('sync-document-verify', {
    role: 'operator',
    args: z.strictObject({ text: z.string().min(1).max(2000) }),
    run: async (args, ctx) => {
      const enrolment = await storedEnrolment(deps);
      const base = {
        problem: null,
        documentNumber: null,
        kind: null,
        issuedAt: null,
        revokedAt: null,
        revokeReason: null,
        name: null,
      };
      if (!enrolment) return ok({ ...base, status: 'not-enrolled' as const });
      const revokedStatement = deps.sqlite.prepare(
        'SELECT reason, revoked_at AS revokedAt FROM revocations WHERE document_number = ?',
      );
      const verdict = verifyQrPayload(
        Buffer.from(enrolment.districtSigningKey, 'base64'),
        args.text,
        (n) =>
          (revokedStatement.get(n) as { reason: string; revokedAt: string } | undefined) ?? null,
      );
      await recordAuditAlone(deps, ctx.session, 'sync.document-verify', {
        status: verdict.status,
        documentNumber: verdict.status === 'invalid' ? null : verdict.body.n,
      });
      if (verdict.status === 'invalid')
        return ok({ ...base, status: 'invalid' as const, problem: verdict.problem });
      const local = deps.sqlite
        .prepare('SELECT signed FROM issued_documents WHERE document_number = ?')
        .pluck()
        .get(verdict.body.n) as string | undefined;
      const name = local
        ? ((JSON.parse(local) as { data?: { NAMA_LGKP?: unknown } }).data?.NAMA_LGKP ?? null)
        : null;
      return ok({
        ...base,
        status: verdict.status,
        documentNumber: verdict.body.n,
        kind: verdict.body.k,
        issuedAt: verdict.body.t,
        revokedAt: verdict.status === 'revoked' ? verdict.revokedAt : null,
        revokeReason: verdict.status === 'revoked' ? verdict.reason : null,
        name: typeof name === 'string' ? name : null,
      });
    },
  });

  /**
   * One pass, for the button and the timer alike: upload what is due (everything when forced),
   * pull, purge what the retention allows, and remember the outcome for the sync screen.
   */
  async function pass(
    target: SyncTarget,
    options: { isForced: boolean; onProgress?: UploadOptions['onProgress'] },
  ): Promise<{ summary: SyncRunSummary; pulled: number; problems: SyncProblem[] }> {
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
  }

  const runOnce: SyncService['runOnce'] = async () => {
    const target = await syncTarget(deps);
    if (!target) return 'not-enrolled';
    if (isRunning) return 'busy';
    await pass(target, { isForced: false });
    return 'ran';
  };
  return {
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

function throttledProgress(ctx: CallContext, label: string): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    ctx.push('progress', { taskId: 'sync', done, total, label });
  };
}

/** A drive folder: absolute, an existing writable directory, not inside the data folder. */
function checkFolder(deps: CoreDeps, path: string) {
  const folder = resolve(path);
  const data = resolve(deps.ports.paths.dataDir);
  if (folder === data || folder.startsWith(`${data}/`))
    return failWith('INVALID_ARGS', 'FOLDER_IS_DATA', 'Not inside the station data folder', [
      'path',
    ]);
  try {
    if (!statSync(folder).isDirectory())
      return failWith('INVALID_ARGS', 'NOT_A_FOLDER', `${folder} is not a folder`, ['path']);
    accessSync(folder, constants.W_OK);
  } catch {
    return failWith('INVALID_ARGS', 'FOLDER_UNAVAILABLE', `${folder} cannot be written`, ['path']);
  }
  return ok(folder);
}

function isMountPoint(parent: string, path: string): boolean {
  try {
    return statSync(path).dev !== statSync(parent).dev;
  } catch {
    return false;
  }
}

async function listDrives(): Promise<{ path: string; label: string; freeBytes: number | null }[]> {
  const drives: { path: string; label: string; freeBytes: number | null }[] = [];
  const visit = async (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        if (!statSync(path).isDirectory()) continue;
      } catch {
        continue;
      }
      // /media/<user>/<label> and /run/media/<user>/<label>: one level more.
      if (depth > 0) await visit(path, depth - 1);
      // Only mount points: a drive lives on another device than the folder it is mounted in.
      else if (isMountPoint(dir, path))
        drives.push({ path, label: name, freeBytes: await freeBytes(path) });
    }
  };
  await visit('/media', 1);
  await visit('/run/media', 1);
  await visit('/mnt', 0);
  return drives.filter((d) => MOUNT_ROOTS.some((root) => d.path.startsWith(root)));
}
