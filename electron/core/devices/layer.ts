import type { DeviceSettings } from '../../contract';
import { DeviceService } from '../../devices/service';
import { TRAINING_SETTINGS, TrainingDevices } from '../../devices/training';
import type { Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { NO_DEVICES, readDeviceSettings } from './settings';

/** The device layer of one station: the service, and on training stations the fake devices. */
export interface Devices {
  service: DeviceService;
  /** The training panel's card reader and scanner; null on a real station. */
  training: TrainingDevices | null;
  /** What a station without stored settings uses (nothing; the fakes on training stations). */
  defaults: DeviceSettings;
  /** Reads the stored settings and starts polling. */
  start(): Promise<void>;
}

/**
 * Builds the layer for openStation: status changes and reads go to every connection of this
 * station (the devices are this station's). A training station never touches real HID devices:
 * its backend is the training panel's fakes, whatever the host passed in.
 */
export function createDevices(
  deps: CoreDeps,
  dispatcher: Pick<Dispatcher, 'broadcast'>,
  options: { pollMs?: number } = {},
): Devices {
  const training = deps.unit.is_training === 1 ? new TrainingDevices() : null;
  const defaults = training ? TRAINING_SETTINGS : NO_DEVICES;
  const service = new DeviceService({
    backend: training ? training.backend : deps.ports.hid,
    isTraining: training !== null,
    now: () => deps.ports.clock.now(),
    log: deps.ports.log,
    onStatus: (statuses) => dispatcher.broadcast('device-status', statuses),
    onRead: (read) => dispatcher.broadcast('device-read', read),
    ...options,
  });
  return {
    service,
    training,
    defaults,
    start: async () => service.start(await readDeviceSettings(deps.db, defaults)),
  };
}
