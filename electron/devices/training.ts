import type { DeviceConfig, DeviceRole, DeviceSettings } from '../contract';
import type { HidBackend } from './hid-backend';
import { FakeHidBackend, type FakeHidDevice } from './hid.fake';
import { wedgeReportsFor } from './wedge';

/**
 * Training stations (docs/devices.md, "Training mode"): fake card readers for desks meja-1,
 * meja-2 and meja-3 and a fake scanner at meja-1, which officers plug, unplug and use from the
 * on-screen training panel. They are keyboard-wedge devices, so a tap travels the same path as on
 * real hardware: key reports, the wedge parser, the UID rules, the routing to the desk's screens.
 * Vendor 0x1209 is pid.codes, whose product ids 0x0001-0x0010 are set aside for testing, so no
 * real device is ever mistaken for them.
 */
const TRAINING_VENDOR = 0x1209;

interface TrainingDevice {
  role: DeviceRole;
  desk: string;
  productId: number;
  product: string;
  label: string;
}

const DEVICES: readonly TrainingDevice[] = [
  {
    role: 'card-reader',
    desk: 'meja-1',
    productId: 0x0001,
    product: 'Pembaca kartu pelatihan',
    label: 'Pembaca kartu (pelatihan)',
  },
  {
    role: 'scanner',
    desk: 'meja-1',
    productId: 0x0002,
    product: 'Pemindai pelatihan',
    label: 'Pemindai (pelatihan)',
  },
  {
    role: 'card-reader',
    desk: 'meja-2',
    productId: 0x0003,
    product: 'Pembaca kartu pelatihan meja 2',
    label: 'Pembaca kartu meja 2 (pelatihan)',
  },
  {
    role: 'card-reader',
    desk: 'meja-3',
    productId: 0x0004,
    product: 'Pembaca kartu pelatihan meja 3',
    label: 'Pembaca kartu meja 3 (pelatihan)',
  },
];

const path = (device: TrainingDevice) => `training:${device.productId}`;

function config(device: TrainingDevice): DeviceConfig {
  return {
    vendorId: TRAINING_VENDOR,
    productId: device.productId,
    format: 'wedge',
    raw: null,
    uidText: device.role === 'card-reader' ? 'hex' : null,
    label: device.label,
    desk: device.desk,
    // The training panel taps for the kiosk's wizard too.
    isForKiosk: true,
  };
}

const [CARD_1, SCANNER_1, ...FURTHER] = DEVICES;

/** A training station's settings until an administrator chooses otherwise. */
export const TRAINING_SETTINGS: DeviceSettings = {
  cardReader: config(CARD_1!),
  scanner: config(SCANNER_1!),
  others: FURTHER.map((device) => ({ ...config(device), role: device.role })),
};

export type TrainingReadRefusal = 'unplugged' | 'not-typable';

/**
 * The fake devices. Each is addressed by the settings of a configured device (vendor and
 * product id), so whatever desk the settings put it at is where its reads go.
 */
export class TrainingDevices {
  readonly #backend = new FakeHidBackend();

  get backend(): HidBackend {
    return this.#backend;
  }

  /** Whether `config` names one of the fake devices (the others are not the panel's). */
  isFake(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): boolean {
    return this.#find(config) !== null;
  }

  isPlugged(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): boolean {
    return this.device(config) !== undefined;
  }

  /** The plugged-in fake device `config` names (tests emit reports on it directly). */
  device(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): FakeHidDevice | undefined {
    const device = this.#find(config);
    return device ? this.#backend.device(path(device)) : undefined;
  }

  plug(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): void {
    const device = this.#find(config);
    if (!device || this.isPlugged(config)) return;
    this.#backend.plug({
      path: path(device),
      vendorId: TRAINING_VENDOR,
      productId: device.productId,
      manufacturer: 'Lakon Mandira (pelatihan)',
      product: device.product,
      usagePage: 1,
      usage: 6,
      interface: 0,
    });
  }

  unplug(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): void {
    const device = this.#find(config);
    if (device) this.#backend.unplug(path(device));
  }

  /** The fake device types `text` and Enter, key report by key report. */
  type(
    config: Pick<DeviceConfig, 'vendorId' | 'productId'>,
    text: string,
  ): TrainingReadRefusal | null {
    const plugged = this.device(config);
    if (!plugged) return 'unplugged';
    const reports = wedgeReportsFor(text);
    if (!reports) return 'not-typable';
    for (const report of reports) plugged.emit(report);
    return null;
  }

  #find(config: Pick<DeviceConfig, 'vendorId' | 'productId'>): TrainingDevice | null {
    if (config.vendorId !== TRAINING_VENDOR) return null;
    return DEVICES.find((d) => d.productId === config.productId) ?? null;
  }
}
