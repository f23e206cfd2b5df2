import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { z } from 'zod';
import { failWith, ok, type Result, type SyncStatus } from '../../contract';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { empty, NOT_ENROLLED, throttledProgress } from './app-common';
import { syncTarget } from './enrolment';
import type { StationKeys } from './station-keys';
import { noteSuccess } from './status';
import type { SyncTarget } from './upload';
import { usbExport, usbImport } from './usb';

const folderArgs = z.strictObject({
  path: z
    .string()
    .min(1)
    .max(500)
    .refine((p) => isAbsolute(p), 'an absolute folder path'),
});

/** The USB handlers (docs/sync-protocol.md, "USB"): the drives, export and import. */
export function registerSyncUsb(
  app: App,
  deps: CoreDeps,
  keys: StationKeys,
  status: () => Promise<SyncStatus>,
): void {
  app.method('sync-usb-drives', {
    role: 'operator',
    args: empty,
    run: async () => ok(await deps.ports.drives.list()),
  });

  app.method('sync-usb-export', {
    role: 'operator',
    args: folderArgs,
    run: (args, ctx) =>
      onDrive(deps, args.path, async (target, folder) => {
        const progress = throttledProgress(ctx, 'Menyalin ke USB');
        const result = await usbExport(deps, keys, target, folder, { onProgress: progress });
        await recordAuditAlone(deps, ctx.session, 'sync.usb-export', { ...result, path: folder });
        return ok({ ...result, folder, status: await status() });
      }),
  });

  app.method('sync-usb-import', {
    role: 'operator',
    args: folderArgs,
    run: (args, ctx) =>
      onDrive(deps, args.path, async (target, folder) => {
        const result = await usbImport(deps, target, folder);
        if (result.receipts > 0 || (result.updates?.applied ?? 0) > 0) await noteSuccess(deps);
        await recordAuditAlone(deps, ctx.session, 'sync.usb-import', {
          receipts: result.receipts,
          exported: result.exported,
          refused: result.refused.length,
          path: folder,
        });
        return ok({
          receipts: result.receipts,
          exported: result.exported,
          rejected: result.rejected,
          updatesApplied: result.updates?.applied ?? 0,
          refused: result.refused,
          status: await status(),
        });
      }),
  });
}

/**
 * Runs `use` with the district this station syncs with and the checked drive folder, or says
 * why there is none.
 */
async function onDrive<T>(
  deps: CoreDeps,
  path: string,
  use: (target: SyncTarget, folder: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const target = await syncTarget(deps);
  if (!target) return NOT_ENROLLED;
  const folder = checkFolder(deps, path);
  if (!folder.ok) return folder;
  return use(target, folder.value);
}

/** A drive folder: absolute, an existing writable directory, not inside the data folder. */
function checkFolder(deps: CoreDeps, path: string) {
  const folder = resolve(path);
  const data = resolve(deps.ports.paths.dataDir);
  if (folder === data || folder.startsWith(`${data}${sep}`))
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
