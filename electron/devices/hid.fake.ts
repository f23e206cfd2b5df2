import type { HidBackend, HidDeviceEntry, HidHandle } from './hid-backend';

/** The parts of an entry a test cares about; the rest get plain defaults. */
export type FakeDeviceSpec = Pick<HidDeviceEntry, 'vendorId' | 'productId'> &
  Partial<HidDeviceEntry>;

interface OpenHandle {
  data: ((report: Uint8Array) => void)[];
  error: ((error: Error) => void)[];
}

/** One plugged-in fake device: it emits reports to whoever has it open. */
export class FakeHidDevice {
  readonly entry: HidDeviceEntry;
  /** Makes the next open() fail with this message (permissions, busy), until set back to null. */
  openFailure: string | null = null;
  readonly #handles = new Set<OpenHandle>();

  constructor(entry: HidDeviceEntry) {
    this.entry = entry;
  }

  get openCount(): number {
    return this.#handles.size;
  }

  /** Delivers one input report to every open handle, synchronously. */
  emit(report: Uint8Array | readonly number[]): void {
    const bytes = Uint8Array.from(report);
    for (const handle of [...this.#handles]) for (const listener of handle.data) listener(bytes);
  }

  /** A read error on every open handle (node-hid's "could not read from HID device"). */
  fail(message: string): void {
    for (const handle of [...this.#handles]) {
      this.#handles.delete(handle);
      for (const listener of handle.error) listener(new Error(message));
    }
  }

  /** @internal used by FakeHidBackend.open */
  attach(): HidHandle {
    const handle: OpenHandle = { data: [], error: [] };
    this.#handles.add(handle);
    return {
      onData: (listener) => void handle.data.push(listener),
      onError: (listener) => void handle.error.push(listener),
      close: () => {
        this.#handles.delete(handle);
        return Promise.resolve();
      },
    };
  }
}

/**
 * A HID backend in memory (tests and training stations): devices are plugged and unplugged,
 * made to fail on open, and made to emit reports. Unplugging ends open handles with an error,
 * as a real read does when the cable is pulled.
 */
export class FakeHidBackend implements HidBackend {
  readonly #devices = new Map<string, FakeHidDevice>();
  #listFailure: string | null = null;
  #count = 0;

  plug(spec: FakeDeviceSpec): FakeHidDevice {
    this.#count += 1;
    const entry: HidDeviceEntry = {
      path: spec.path ?? `fake:${this.#count}`,
      vendorId: spec.vendorId,
      productId: spec.productId,
      manufacturer: spec.manufacturer ?? null,
      product: spec.product ?? null,
      serialNumber: spec.serialNumber ?? null,
      usagePage: spec.usagePage ?? null,
      usage: spec.usage ?? null,
      interface: spec.interface ?? 0,
    };
    if (this.#devices.has(entry.path)) throw new Error(`Already plugged: ${entry.path}`);
    const device = new FakeHidDevice(entry);
    this.#devices.set(entry.path, device);
    return device;
  }

  /**
   * Pulls the device out. `isSilent`: open handles hear nothing (hosts where a read just stops),
   * so only the next list shows it gone.
   */
  unplug(path: string, options: { isSilent?: boolean } = {}): void {
    const device = this.#devices.get(path);
    if (!device) return;
    this.#devices.delete(path);
    if (!options.isSilent) device.fail('could not read from HID device');
  }

  device(path: string): FakeHidDevice | undefined {
    return this.#devices.get(path);
  }

  /** Makes list() fail (a broken HID library), until set back to null. */
  failList(message: string | null): void {
    this.#listFailure = message;
  }

  list(): Promise<HidDeviceEntry[]> {
    if (this.#listFailure) return Promise.reject(new Error(this.#listFailure));
    return Promise.resolve([...this.#devices.values()].map((d) => ({ ...d.entry })));
  }

  open(path: string): Promise<HidHandle> {
    const device = this.#devices.get(path);
    if (!device) return Promise.reject(new Error(`could not open HID device: ${path}`));
    if (device.openFailure) return Promise.reject(new Error(device.openFailure));
    return Promise.resolve(device.attach());
  }
}
