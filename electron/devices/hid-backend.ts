import type { HidDeviceInfo } from '../contract';

/**
 * The port between the device layer and a HID library (docs/devices.md). Implementations:
 * hid.node.ts (node-hid, real hardware) and hid.fake.ts (tests and training stations).
 */
export interface HidDeviceEntry extends HidDeviceInfo {
  /** What open() takes: an OS path (hidraw node, IOService path, Windows device path). */
  path: string;
}

/** An open device. Reports arrive as they come; an unplugged device ends with an error. */
export interface HidHandle {
  onData(listener: (report: Uint8Array) => void): void;
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

export interface HidBackend {
  /** The HID interfaces the host sees now (one entry per interface of a device). */
  list(): Promise<HidDeviceEntry[]>;
  open(path: string): Promise<HidHandle>;
}

/** The host-facing part of an entry, for devices-list. */
export function toDeviceInfo(entry: HidDeviceEntry): HidDeviceInfo {
  return {
    vendorId: entry.vendorId,
    productId: entry.productId,
    manufacturer: entry.manufacturer,
    product: entry.product,
    serialNumber: entry.serialNumber,
    usagePage: entry.usagePage,
    usage: entry.usage,
    interface: entry.interface,
  };
}

/** HID usage page 1 (generic desktop), usage 6 (keyboard): how a wedge reader presents itself. */
export function isKeyboardInterface(entry: Pick<HidDeviceInfo, 'usagePage' | 'usage'>): boolean {
  return entry.usagePage === 1 && entry.usage === 6;
}
