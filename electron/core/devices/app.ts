import { z } from 'zod';
import { fail, failWith, ok } from '../../contract';
import { putSetting } from '../../../db/queries/settings';
import { normalizeUid } from '../../devices/uid';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { claimRefusal, type ClaimRefusal, type Devices } from './layer';
import {
  checkDeviceSettings,
  DEVICE_SETTINGS_KEY,
  deskId,
  deviceSettingsArgs,
  readDeviceSettings,
} from './settings';

const role = z.enum(['card-reader', 'scanner']);
const desk = deskId.optional();
const trainingAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('plug'), role, desk }),
  z.strictObject({ action: z.literal('unplug'), role, desk }),
  z.strictObject({ action: z.literal('read'), role, value: z.string().max(200), desk }),
]);

const REFUSED: Record<ClaimRefusal, string> = {
  NOT_LOCAL: 'Only a screen on the station machine or a paired desk can claim a desk',
  NOT_A_DESK: 'A queue display is no desk',
  OTHER_DESK: 'A paired desk is a screen of its own desk only',
};

/** devices-*, device-settings-*, devices-training (docs/devices.md). */
export function registerDevices(app: App, deps: CoreDeps, devices: Devices): void {
  const { service } = devices;

  app.method('devices-list', {
    role: 'admin',
    args: z.strictObject({}),
    run: async () => {
      try {
        return ok(await service.list());
      } catch (error) {
        deps.ports.log.warn('HID device list failed', { error: String(error) });
        return failWith('CONFLICT', 'HID_UNAVAILABLE', `HID devices cannot be listed: ${error}`);
      }
    },
  });

  app.method('devices-status', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(service.status()),
  });

  app.method('devices-claim', {
    role: 'kiosk',
    args: z.strictObject({ desk: deskId }),
    run: (args, ctx) => {
      // The devices are plugged into this machine: a screen elsewhere is at their desk only when
      // it was paired as that desk (docs/devices.md, "Who receives reads").
      const refusal = claimRefusal(ctx.source, args.desk);
      if (refusal) return failWith('FORBIDDEN', refusal, REFUSED[refusal]);
      devices.desks.claim(ctx.connectionId, args.desk);
      return ok({ desk: args.desk });
    },
  });

  app.method('devices-settings-get', {
    role: 'admin',
    args: z.strictObject({}),
    run: async () => ok(await readDeviceSettings(deps.db, devices.defaults, deps.unit.start_mode)),
  });

  app.method('devices-settings-set', {
    role: 'admin',
    args: deviceSettingsArgs,
    run: async (args, ctx) => {
      const problems = checkDeviceSettings(args);
      if (problems.length > 0)
        return failWith(
          'INVALID_ARGS',
          'BAD_DEVICE_SETTINGS',
          problems.map((p) => `${p.field}: ${p.why}`).join('; '),
          problems.map((p) => p.field),
        );
      const at = deps.ports.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await putSetting(trx, DEVICE_SETTINGS_KEY, args, at);
        await recordAudit(deps, trx, ctx.session, 'devices.settings-changed', { ...args });
      });
      // After the commit, never inside it: opening a device is I/O.
      await service.configure(args);
      return ok(args);
    },
  });

  app.method('devices-training', {
    role: 'kiosk',
    args: trainingAction,
    run: async (args, ctx) => {
      const training = devices.training;
      if (!training || deps.unit.is_training !== 1)
        return fail('NOT_TRAINING', 'Fake devices exist only on training stations');
      // The panel acts on its own desk's device: a paired desk may not tap at another desk.
      const atDesk = args.desk ?? devices.desks.screenDesk(ctx.connectionId, ctx.source);
      const refusal = claimRefusal(ctx.source, atDesk);
      if (refusal) return failWith('FORBIDDEN', refusal, REFUSED[refusal]);
      const device = service
        .configured()
        .find((d) => d.role === args.role && d.config.desk === atDesk && training.isFake(d.config));
      if (!device)
        return failWith(
          'CONFLICT',
          'NO_DEVICE_AT_DESK',
          `No training ${args.role} is configured at ${atDesk}`,
        );
      if (args.action === 'plug') training.plug(device.config);
      else if (args.action === 'unplug') training.unplug(device.config);
      else {
        const text = args.role === 'card-reader' ? normalizeUid(args.value) : args.value.trim();
        if (!text)
          return failWith(
            'INVALID_ARGS',
            args.role === 'card-reader' ? 'INVALID_UID' : 'EMPTY_SCAN',
            'Nothing to read',
            ['value'],
          );
        const refused = training.type(device.config, text);
        if (refused === 'unplugged')
          return failWith('CONFLICT', 'DEVICE_UNPLUGGED', 'Plug the training device in first');
        if (refused === 'not-typable')
          return failWith('INVALID_ARGS', 'NOT_TYPABLE', 'Only US keyboard characters', ['value']);
      }
      // Plugging and unplugging show at once, not at the next poll.
      await service.poll();
      return ok(service.status());
    },
  });
}
