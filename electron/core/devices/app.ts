import { z } from 'zod';
import { fail, failWith, ok } from '../../contract';
import { putSetting } from '../../../db/queries/settings';
import { normalizeUid } from '../../devices/uid';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import type { Devices } from './layer';
import {
  checkDeviceSettings,
  DEVICE_SETTINGS_KEY,
  deskId,
  deviceSettingsArgs,
  readDeviceSettings,
} from './settings';

const role = z.enum(['card-reader', 'scanner']);
const trainingAction = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('plug'), role }),
  z.strictObject({ action: z.literal('unplug'), role }),
  z.strictObject({ action: z.literal('read'), role, value: z.string().max(200) }),
]);

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
      // The devices are plugged into this machine: a screen elsewhere is never at their desk.
      if (!ctx.source.local)
        return failWith(
          'FORBIDDEN',
          'NOT_LOCAL',
          'Only a screen on the station machine can claim its desk',
        );
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
    run: async (args) => {
      const training = devices.training;
      if (!training || deps.unit.is_training !== 1)
        return fail('NOT_TRAINING', 'Fake devices exist only on training stations');
      if (args.action === 'plug') training.plug(args.role);
      else if (args.action === 'unplug') training.unplug(args.role);
      else {
        const text = args.role === 'card-reader' ? normalizeUid(args.value) : args.value.trim();
        if (!text)
          return failWith(
            'INVALID_ARGS',
            args.role === 'card-reader' ? 'INVALID_UID' : 'EMPTY_SCAN',
            'Nothing to read',
            ['value'],
          );
        const refusal = training.type(args.role, text);
        if (refusal === 'unplugged')
          return failWith('CONFLICT', 'DEVICE_UNPLUGGED', 'Plug the training device in first');
        if (refusal === 'not-typable')
          return failWith('INVALID_ARGS', 'NOT_TYPABLE', 'Only US keyboard characters', ['value']);
      }
      // Plugging and unplugging show at once, not at the next poll.
      await service.poll();
      return ok(service.status());
    },
  });
}
