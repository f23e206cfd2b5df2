import { z } from 'zod';
import { failWith, ok } from '../../contract';
import type { CallContext, Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { LanService } from './service';

/** A desk name as device settings spell it (core/devices/settings.ts deskId), e.g. "meja-2". */
const deskName = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/);
/** The host laptop's own desk (core/devices/settings.ts DEFAULT_DESK): never a paired device's. */
const HOST_DESK = 'meja-1';
const label = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'no control characters');

const offerArgs = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('desk'),
    desk: deskName.refine((desk) => desk !== HOST_DESK, 'meja-1 is the host laptop'),
    label,
  }),
  z.strictObject({ kind: z.literal('display'), desk: z.null(), label }),
]);

/** Paired devices manage nothing: lan-* belongs to the host's own screens (docs/lan.md). */
function fromPairedDevice(ctx: CallContext) {
  return ctx.source.lan
    ? failWith('FORBIDDEN', 'LAN_HOST_ONLY', 'LAN pairing is managed on the host screen only')
    : null;
}

/** lan-* handlers (issue 16 item 3; docs/lan.md). Returns the service the station server uses. */
export function registerLan(app: Dispatcher, deps: CoreDeps): LanService {
  const lan = new LanService(deps, app);

  app.method('lan-status', {
    role: 'supervisor',
    args: z.strictObject({}),
    run: async (_args, ctx) => fromPairedDevice(ctx) ?? ok(await lan.status()),
  });

  app.method('lan-pair-offer', {
    role: 'supervisor',
    args: offerArgs,
    run: async (args, ctx) => fromPairedDevice(ctx) ?? (await lan.offer(args, ctx.session)),
  });

  app.method('lan-device-remove', {
    role: 'supervisor',
    args: z.strictObject({ deviceId: z.string().min(1).max(64) }),
    run: async (args, ctx) =>
      fromPairedDevice(ctx) ?? (await lan.remove(args.deviceId, ctx.session)),
  });

  return lan;
}
