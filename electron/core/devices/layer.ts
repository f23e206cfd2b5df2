import type { DeviceConfig, DeviceRead, DeviceSettings } from '../../contract';
import { DeviceService } from '../../devices/service';
import { TRAINING_SETTINGS, TrainingDevices } from '../../devices/training';
import type { ConnectionSource, Dispatcher } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { DEFAULT_DESK, NO_DEVICES, readDeviceSettings } from './settings';

/** The device layer of one station: the service, and on training stations the fake devices. */
export interface Devices {
  service: DeviceService;
  /** The training panel's card reader and scanner; null on a real station. */
  training: TrainingDevices | null;
  /** What a station without stored settings uses (nothing; the fakes on training stations). */
  defaults: DeviceSettings;
  /** Which connection is a screen of which desk (devices-claim). */
  desks: DeskClaims;
  /** Reads the stored settings and starts polling. */
  start(): Promise<void>;
}

type Routing = Pick<Dispatcher, 'broadcast' | 'push' | 'session' | 'source' | 'onDisconnect'>;

/** Why a connection may not be a screen of a desk (devices-claim), or null when it may. */
export type ClaimRefusal = 'NOT_LOCAL' | 'NOT_A_DESK' | 'OTHER_DESK';

/**
 * Whether the screen on `source` may be a screen of `desk`: a screen of this machine any desk
 * (the devices are plugged in here); a paired LAN desk only its own desk; a queue display, or
 * any other remote socket, none.
 */
export function claimRefusal(
  source: Readonly<ConnectionSource>,
  desk: string,
): ClaimRefusal | null {
  const lan = source.lan;
  if (lan) {
    if (lan.kind !== 'desk' || !lan.desk) return 'NOT_A_DESK';
    return lan.desk === desk ? null : 'OTHER_DESK';
  }
  return source.local ? null : 'NOT_LOCAL';
}

/**
 * Who receives a device's reads (issue 13 finding 1.3, issue 16 item 3; docs/devices.md, "Who
 * receives reads"): only connections that claimed the device's desk and are either screens of
 * this machine or the paired LAN desk of that very desk (never a display), and of those an
 * anonymous (kiosk) session only when the device is configured for the kiosk. Everything is
 * checked at delivery, so a claim made by an officer who then signs out stops receiving officer
 * reads.
 */
export class DeskClaims {
  readonly #claims = new Map<string, string>();
  readonly #dispatcher: Routing;

  constructor(dispatcher: Routing) {
    this.#dispatcher = dispatcher;
    dispatcher.onDisconnect((connectionId) => this.#claims.delete(connectionId));
  }

  /**
   * The connection becomes a screen of `desk` (one desk per connection; a new claim replaces).
   * The caller checked claimRefusal; receivers() checks the source again at every read.
   */
  claim(connectionId: string, desk: string): void {
    this.#claims.set(connectionId, desk);
  }

  /** The desk `connectionId` claimed, or null. */
  deskOf(connectionId: string): string | null {
    return this.#claims.get(connectionId) ?? null;
  }

  /**
   * The desk a screen is at when it does not say: a paired LAN desk's own desk, else the desk it
   * claimed, else meja-1 (the host's screens).
   */
  screenDesk(connectionId: string, source: Readonly<ConnectionSource>): string {
    return source.lan?.desk ?? this.deskOf(connectionId) ?? DEFAULT_DESK;
  }

  /** The connections a read of a device with `config` goes to. */
  receivers(config: Pick<DeviceConfig, 'desk' | 'isForKiosk'>): string[] {
    const receivers: string[] = [];
    for (const [connectionId, desk] of this.#claims) {
      if (desk !== config.desk) continue;
      const session = this.#dispatcher.session(connectionId);
      const source = this.#dispatcher.source(connectionId);
      if (!session || !source || claimRefusal(source, desk) !== null) continue;
      if (session.role === 'kiosk' && !config.isForKiosk) continue;
      receivers.push(connectionId);
    }
    return receivers;
  }

  deliver(read: DeviceRead, config: DeviceConfig): void {
    for (const connectionId of this.receivers(config))
      this.#dispatcher.push(connectionId, 'device-read', read);
  }
}

/**
 * Builds the layer for openStation. Status changes go to every connection (state and labels
 * only, never a value); each read goes only to the screens of its desk (DeskClaims). A training
 * station never touches real HID devices: its backend is the training panel's fakes, whatever
 * the host passed in.
 */
export function createDevices(
  deps: CoreDeps,
  dispatcher: Routing,
  options: { pollMs?: number } = {},
): Devices {
  const training = deps.unit.is_training === 1 ? new TrainingDevices() : null;
  const defaults = training ? TRAINING_SETTINGS : NO_DEVICES;
  const desks = new DeskClaims(dispatcher);
  const service = new DeviceService({
    backend: training ? training.backend : deps.ports.hid,
    isTraining: training !== null,
    now: () => deps.ports.clock.now(),
    log: deps.ports.log,
    onStatus: (statuses) => dispatcher.broadcast('device-status', statuses),
    onRead: (read, config) => desks.deliver(read, config),
    ...options,
  });
  return {
    service,
    training,
    defaults,
    desks,
    start: async () =>
      service.start(await readDeviceSettings(deps.db, defaults, deps.unit.start_mode)),
  };
}
