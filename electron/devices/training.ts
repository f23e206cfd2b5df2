import type { DeviceConfig, DeviceRole, DeviceSettings } from '../contract';
import type { HidBackend } from './hid-backend';
import { FakeHidBackend } from './hid.fake';
import { wedgeReportsFor } from './wedge';

/**
 * Training stations (docs/devices.md, "Training mode"): a fake card reader and a fake scanner
 * that officers plug, unplug and use from the on-screen training panel. They are keyboard-wedge
 * devices, so a tap travels the same path as on real hardware: key reports, the wedge parser,
 * the UID rules. Vendor 0x1209 is pid.codes, whose product ids 0x0001-0x0010 are set aside for
 * testing, so no real device is ever mistaken for them.
 */
const TRAINING_VENDOR = 0x1209;

const DEVICES: Record<DeviceRole, { productId: number; product: string; label: string }> = {
  'card-reader': {
    productId: 0x0001,
    product: 'Pembaca kartu pelatihan',
    label: 'Pembaca kartu (pelatihan)',
  },
  scanner: { productId: 0x0002, product: 'Pemindai pelatihan', label: 'Pemindai (pelatihan)' },
};

const path = (role: DeviceRole) => `training:${role}`;

function config(role: DeviceRole): DeviceConfig {
  return {
    vendorId: TRAINING_VENDOR,
    productId: DEVICES[role].productId,
    format: 'wedge',
    raw: null,
    uidText: role === 'card-reader' ? 'hex' : null,
    label: DEVICES[role].label,
    desk: 'meja-1',
    // The training panel taps for the kiosk's wizard too.
    isForKiosk: true,
  };
}

/** A training station's settings until an administrator chooses otherwise. */
export const TRAINING_SETTINGS: DeviceSettings = {
  cardReader: config('card-reader'),
  scanner: config('scanner'),
};

export type TrainingReadRefusal = 'unplugged' | 'not-typable';

export class TrainingDevices {
  readonly #backend = new FakeHidBackend();

  get backend(): HidBackend {
    return this.#backend;
  }

  isPlugged(role: DeviceRole): boolean {
    return this.#backend.device(path(role)) !== undefined;
  }

  plug(role: DeviceRole): void {
    if (this.isPlugged(role)) return;
    this.#backend.plug({
      path: path(role),
      vendorId: TRAINING_VENDOR,
      productId: DEVICES[role].productId,
      manufacturer: 'Lakon Mandira (pelatihan)',
      product: DEVICES[role].product,
      usagePage: 1,
      usage: 6,
      interface: 0,
    });
  }

  unplug(role: DeviceRole): void {
    this.#backend.unplug(path(role));
  }

  /** The fake device types `text` and Enter, key report by key report. */
  type(role: DeviceRole, text: string): TrainingReadRefusal | null {
    const device = this.#backend.device(path(role));
    if (!device) return 'unplugged';
    const reports = wedgeReportsFor(text);
    if (!reports) return 'not-typable';
    for (const report of reports) device.emit(report);
    return null;
  }
}
