import type * as NodeHidModule from 'node-hid';
import type { HidBackend, HidDeviceEntry, HidHandle } from './hid-backend';

type NodeHid = typeof NodeHidModule;

/** node-hid could not be loaded (no libusb/hidraw, a build for another ABI): no device works. */
export class HidUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`node-hid could not be loaded: ${String((cause as Error)?.message ?? cause)}`, { cause });
    this.name = 'HidUnavailableError';
  }
}

/**
 * The real backend: node-hid 3.4 (hidapi; hidraw on Linux). The native module is imported on
 * first use, so a host without it still starts and the device layer reports 'error' instead.
 */
export class NodeHidBackend implements HidBackend {
  #module: Promise<NodeHid> | null = null;

  async list(): Promise<HidDeviceEntry[]> {
    const hid = await this.#load();
    const devices = await hid.devicesAsync();
    return devices.flatMap((d) =>
      d.path
        ? [
            {
              path: d.path,
              vendorId: d.vendorId,
              productId: d.productId,
              manufacturer: d.manufacturer ?? null,
              product: d.product ?? null,
              serialNumber: d.serialNumber || null,
              usagePage: d.usagePage ?? null,
              usage: d.usage ?? null,
              interface: d.interface ?? null,
            },
          ]
        : [],
    );
  }

  async open(path: string): Promise<HidHandle> {
    const hid = await this.#load();
    const device = await hid.HIDAsync.open(path);
    return {
      onData: (listener) => device.on('data', (data: Buffer) => listener(new Uint8Array(data))),
      onError: (listener) =>
        device.on('error', (error: unknown) =>
          listener(error instanceof Error ? error : new Error(String(error))),
        ),
      close: () => device.close(),
    };
  }

  #load(): Promise<NodeHid> {
    // A failed load is kept: retrying a missing shared library every second helps nobody.
    this.#module ??= import('node-hid')
      .then((hid) => {
        // The native binding loads lazily too: touch it once, so a broken build fails here.
        hid.getHidapiVersion();
        return hid;
      })
      .catch((error: unknown) => Promise.reject(new HidUnavailableError(error)));
    return this.#module;
  }
}
