import type { DeviceConfig, DeviceRole, DeviceStatus } from '../contract';
import { isKeyboardInterface, type HidDeviceEntry, type HidHandle } from './hid-backend';

/** One configured device inside DeviceService (service.ts). */
export interface Channel {
  /** Where its config sits in the settings: 'cardReader', 'scanner', 'others.N'. */
  slot: string;
  role: DeviceRole;
  config: DeviceConfig | null;
  handle: HidHandle | null;
  path: string | null;
  /** Bumped whenever the handle goes: events of an older handle are ignored. */
  generation: number;
  /** After a read error, reopening waits for the next regular poll (no tight error loop). */
  isHeld: boolean;
  status: DeviceStatus;
}

/**
 * The interface to open: a wedge reader's keyboard interface, a raw reader's other one. With a
 * serial number in the settings only the device reporting it counts (two of the same model).
 */
export function pickEntry(entries: HidDeviceEntry[], config: DeviceConfig): HidDeviceEntry | null {
  const serial = config.serialNumber ?? null;
  const same = entries.filter(
    (e) =>
      e.vendorId === config.vendorId &&
      e.productId === config.productId &&
      (serial === null || e.serialNumber === serial),
  );
  const preferred =
    config.format === 'wedge'
      ? same.find(isKeyboardInterface)
      : same.find((e) => !isKeyboardInterface(e));
  return preferred ?? same[0] ?? null;
}

export function emptyStatus(role: DeviceRole, since: string, slot: string): DeviceStatus {
  return {
    role,
    slot,
    desk: null,
    state: 'not-configured',
    label: null,
    vendorId: null,
    productId: null,
    since,
    message: null,
    lastReadAt: null,
  };
}

export function detail(error: unknown): string {
  return String((error as Error)?.message ?? error).slice(0, 200);
}
