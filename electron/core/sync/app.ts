import QRCode from 'qrcode';
import { z } from 'zod';
import { failWith, ok } from '../../contract';
import { keyId } from '../../protocol/packet/keys';
import type { App } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { empty, NOT_ENROLLED, throttledProgress } from './app-common';
import { registerDocumentVerify } from './app-document';
import { registerSyncUsb } from './app-usb';
import { applyEnrolmentAnswer, enrolmentRequest, syncTarget } from './enrolment';
import { createSyncService, type SyncService } from './service';
import { stationKeys, type StationKeys } from './station-keys';
import { putSyncSettings, syncSettings, syncStatus } from './status';

/**
 * The sync handlers (docs/sync-protocol.md): status, enrolment, a run now, settings; the USB ones
 * in app-usb.ts, document checks in app-document.ts. Returns the background service (service.ts).
 */
export function registerSync(
  app: App,
  deps: CoreDeps,
  options: { fetch?: typeof fetch | undefined } = {},
): SyncService {
  const keys: StationKeys = stationKeys(deps.ports.keyStore);
  const service = createSyncService(deps, keys, options);
  const status = () => syncStatus(deps, keys, service.isRunning);

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
      // The background loop starts waiting for district updates now, not at its next look.
      service.wake();
      return ok(await status());
    },
  });

  app.method('sync-run', {
    role: 'operator',
    args: empty,
    run: async (_args, ctx) => {
      const target = await syncTarget(deps);
      if (!target) return NOT_ENROLLED;
      // "Kirim sekarang" while the background pass runs: wait for it, then send what is left
      // (the officer asked to send now; refusing would leave it to luck whether it did).
      await service.whenIdle();
      const progress = throttledProgress(ctx, 'Mengirim paket');
      const { summary, pulled, problems } = await service.pass(target, {
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

  registerSyncUsb(app, deps, keys, status);

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

  registerDocumentVerify(app, deps);

  return service;
}
