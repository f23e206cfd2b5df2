import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceRead, DeviceSettings, DeviceStatus } from '../contract';
import { FakeHidBackend } from './hid.fake';
import { reports, WEDGE_CARD_HEX, WEDGE_SCANNER_SYMBOLS } from '../testing/hid-reports';
import { DeviceService, type DeviceLog, type Timers } from './service';

const READER: DeviceConfig = {
  vendorId: 0x072f,
  productId: 0x2200,
  format: 'wedge',
  raw: null,
  uidText: 'hex',
  label: 'Pembaca meja 1',
  desk: 'meja-1',
  isForKiosk: false,
};
const SCANNER: DeviceConfig = {
  vendorId: 0x0c2e,
  productId: 0x0b61,
  format: 'wedge',
  raw: null,
  uidText: null,
  label: 'Pemindai QR',
  desk: 'meja-1',
  isForKiosk: false,
};
const RAW_READER: DeviceConfig = {
  ...READER,
  format: 'raw',
  uidText: null,
  raw: { reportId: 1, offset: 1, length: 10, lengthByteOffset: 0, encoding: 'uid-hex' },
};
const BOTH: DeviceSettings = { cardReader: READER, scanner: SCANNER };
const KEYBOARD = { usagePage: 1, usage: 6 };

/** A service over a fake backend; `tick()` is one regular poll (the interval, run by hand). */
function harness(options: { isTraining?: boolean } = {}) {
  const backend = new FakeHidBackend();
  const statuses: DeviceStatus[][] = [];
  const reads: DeviceRead[] = [];
  const readDesks: string[] = [];
  const logged: string[] = [];
  let interval: (() => void) | null = null;
  let pollMs = 0;
  const manual: Timers = {
    setInterval: (run, ms) => {
      interval = run;
      pollMs = ms;
      return 1;
    },
    clearInterval: () => {
      interval = null;
    },
  };
  const log: DeviceLog = {
    info: () => {},
    warn: (message, detail) => logged.push(`${message} ${JSON.stringify(detail)}`),
    error: (message, detail) => logged.push(`ERROR ${message} ${JSON.stringify(detail)}`),
  };
  let ms = Date.parse('2026-12-02T03:00:00.000Z');
  const service = new DeviceService({
    backend,
    isTraining: options.isTraining ?? false,
    now: () => new Date(ms),
    log,
    onStatus: (s) => statuses.push(s),
    onRead: (r, config) => {
      reads.push(r);
      readDesks.push(config.desk);
    },
    timers: manual,
  });
  services.push(service);
  const state = (role: 'card-reader' | 'scanner') =>
    service.status().find((s) => s.role === role)?.state;
  return {
    backend,
    service,
    statuses,
    reads,
    readDesks,
    logged,
    state,
    advance: (by: number) => (ms += by),
    get pollMs() {
      return pollMs;
    },
    tick: async () => {
      if (!interval) throw new Error('not polling');
      interval();
      await service.poll();
    },
    get isPolling() {
      return interval !== null;
    },
  };
}

const services: DeviceService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.stop();
});

describe('DeviceService hot-plug', () => {
  it('sees arrival and removal within two seconds by polling the HID list', async () => {
    // The service's own timer, run by hand: its period bounds how late a change is seen, and one
    // run of it must see the change (no wall-clock waiting, so a busy machine cannot fail this).
    const h = harness();
    await h.service.start({ cardReader: READER, scanner: null });
    expect(h.pollMs).toBeLessThanOrEqual(1_000);
    expect(h.state('card-reader')).toBe('disconnected');

    const device = h.backend.plug({ ...READER, ...KEYBOARD, path: '/dev/hidraw3' });
    await h.tick();
    expect(h.state('card-reader')).toBe('connected');
    expect(device.openCount).toBe(1);

    // A host where reading just stops: only the list shows the reader is gone.
    h.backend.unplug('/dev/hidraw3', { isSilent: true });
    await h.tick();
    expect(h.state('card-reader')).toBe('disconnected');
    expect(device.openCount).toBe(0);
  });

  it('reconnects by itself after the cable is pulled and put back, and reads again', async () => {
    const h = harness();
    h.backend.plug({ ...READER, ...KEYBOARD, path: 'p1' });
    await h.service.start({ cardReader: READER, scanner: null });
    expect(h.state('card-reader')).toBe('connected');

    h.backend.unplug('p1');
    await h.service.poll();
    expect(h.state('card-reader')).toBe('disconnected');

    // Put back before the next tick: a fresh arrival, opened at the first look.
    const back = h.backend.plug({ ...READER, ...KEYBOARD, path: 'p2' });
    await h.service.poll();
    expect(h.state('card-reader')).toBe('connected');
    for (const report of reports(WEDGE_CARD_HEX)) back.emit(report);
    expect(h.reads).toEqual([
      { role: 'card-reader', value: '04A1B2C3D4E580', at: '2026-12-02T03:00:00.000Z' },
    ]);
    expect(h.service.status()[0]?.lastReadAt).toBe('2026-12-02T03:00:00.000Z');
  });

  it('pushes every change of state once, and nothing while nothing changes', async () => {
    const h = harness();
    await h.service.start(BOTH);
    const states = () => h.statuses.map((s) => s.map((d) => d.state).join('+'));
    expect(states()).toEqual(['disconnected+not-configured', 'disconnected+disconnected']);
    await h.tick();
    await h.tick();
    expect(h.statuses).toHaveLength(2);

    h.backend.plug({ ...SCANNER, ...KEYBOARD, path: 's' });
    h.advance(1_000);
    await h.tick();
    expect(states().at(-1)).toBe('disconnected+connected');
    const scanner = h.statuses.at(-1)?.[1];
    expect(scanner).toMatchObject({
      role: 'scanner',
      label: 'Pemindai QR',
      vendorId: 0x0c2e,
      productId: 0x0b61,
      since: '2026-12-02T03:00:01.000Z',
      message: null,
    });
    h.backend.unplug('s');
    await h.service.poll();
    expect(states().slice(-1)).toEqual(['disconnected+disconnected']);
  });

  it('shows a device that cannot be opened as an error, and opens it once it can', async () => {
    const h = harness();
    const device = h.backend.plug({ ...READER, ...KEYBOARD, path: '/dev/hidraw0' });
    device.openFailure = 'could not open HID device (permission denied)';
    await h.service.start({ cardReader: READER, scanner: null });
    const status = h.service.status()[0];
    expect(status?.state).toBe('error');
    expect(status?.message).toContain('permission denied');
    expect(status?.message).toContain('udev');
    await h.tick();
    expect(h.logged.filter((l) => l.includes('Device state'))).toHaveLength(1);

    device.openFailure = null;
    await h.tick();
    expect(h.state('card-reader')).toBe('connected');
    expect(h.service.status()[0]?.message).toBeNull();
  });

  it('after a read error on a device still plugged in, waits for the next tick to reopen', async () => {
    const h = harness();
    const device = h.backend.plug({ ...READER, ...KEYBOARD, path: 'p' });
    await h.service.start({ cardReader: READER, scanner: null });
    device.fail('read error');
    await h.service.poll();
    expect(h.state('card-reader')).toBe('error');
    expect(h.service.status()[0]?.message).toContain('read error');
    expect(device.openCount).toBe(0);
    await h.tick();
    expect(h.state('card-reader')).toBe('connected');
    expect(device.openCount).toBe(1);
  });

  it('reports a broken HID library as an error on the configured devices only', async () => {
    const h = harness();
    h.backend.failList('node-hid could not be loaded: libusb-1.0.so.0: cannot open shared object');
    await h.service.start({ cardReader: null, scanner: SCANNER });
    expect(h.service.status().map((s) => s.state)).toEqual(['not-configured', 'error']);
    expect(h.service.status()[1]?.message).toContain('libusb');
    await expect(h.service.list()).rejects.toThrow(/libusb/);

    h.backend.failList(null);
    h.backend.plug({ ...SCANNER, ...KEYBOARD });
    await h.tick();
    expect(h.state('scanner')).toBe('connected');
  });

  it('opens the keyboard interface of a wedge reader and the other one of a raw reader', async () => {
    const h = harness();
    const vendor = h.backend.plug({ ...READER, usagePage: 0xff00, usage: 1, path: 'if1' });
    const keyboard = h.backend.plug({ ...READER, ...KEYBOARD, path: 'if0' });
    await h.service.start({ cardReader: READER, scanner: null });
    expect([keyboard.openCount, vendor.openCount]).toEqual([1, 0]);

    await h.service.configure({ cardReader: RAW_READER, scanner: null });
    expect([keyboard.openCount, vendor.openCount]).toEqual([0, 1]);
    vendor.emit(reports('01 04 a1 b2 c3 d4 00 00 00 00 00 00')[0]!);
    vendor.emit(reports('01 04 a1 b2 c3 d4 00 00 00 00 00 00')[0]!);
    // A raw reader repeats while the card lies on it: one tap, one read.
    expect(h.reads.map((r) => r.value)).toEqual(['A1B2C3D4']);
  });

  it('reopens at once when the settings change, and closes what is no longer chosen', async () => {
    const h = harness();
    const reader = h.backend.plug({ ...READER, ...KEYBOARD });
    const scanner = h.backend.plug({ ...SCANNER, ...KEYBOARD });
    await h.service.start({ cardReader: READER, scanner: null });
    expect([reader.openCount, scanner.openCount]).toEqual([1, 0]);

    await h.service.configure({ cardReader: null, scanner: SCANNER });
    expect(h.service.status().map((s) => s.state)).toEqual(['not-configured', 'connected']);
    expect([reader.openCount, scanner.openCount]).toEqual([0, 1]);
    // A value from the closed reader goes nowhere; the scanner reads.
    for (const report of reports(WEDGE_CARD_HEX)) reader.emit(report);
    for (const report of reports(WEDGE_SCANNER_SYMBOLS)) scanner.emit(report);
    expect(h.reads).toEqual([
      { role: 'scanner', value: 'LM1|A-0042|"Kijang Ulu"?_ok', at: '2026-12-02T03:00:00.000Z' },
    ]);
  });

  it('opens further devices at their desks; removing one leaves the others open under their new slot', async () => {
    const h = harness();
    const a = h.backend.plug({ ...READER, ...KEYBOARD, serialNumber: 'SN-A' });
    const b = h.backend.plug({ ...READER, ...KEYBOARD, serialNumber: 'SN-B' });
    const c = h.backend.plug({ ...READER, ...KEYBOARD, serialNumber: 'SN-C' });
    const other = (serialNumber: string, desk: string) =>
      ({ ...READER, role: 'card-reader', serialNumber, desk, label: desk }) as const;
    await h.service.start({
      cardReader: { ...READER, serialNumber: 'SN-A' },
      scanner: null,
      others: [other('SN-B', 'meja-2'), other('SN-C', 'meja-3')],
    });
    const lines = () => h.service.status().map((s) => `${s.slot} ${s.desk} ${s.state}`);
    expect(lines()).toEqual([
      'cardReader meja-1 connected',
      'scanner null not-configured',
      'others.0 meja-2 connected',
      'others.1 meja-3 connected',
    ]);
    expect([a, b, c].map((d) => d.openCount)).toEqual([1, 1, 1]);
    // Half a tap on the meja-3 reader, then the meja-2 reader is dropped from the settings.
    const tap = reports(WEDGE_CARD_HEX);
    for (const report of tap.slice(0, 10)) c.emit(report);
    await h.service.configure({
      cardReader: { ...READER, serialNumber: 'SN-A' },
      scanner: null,
      others: [other('SN-C', 'meja-3')],
    });
    expect(lines()).toEqual([
      'cardReader meja-1 connected',
      'scanner null not-configured',
      'others.0 meja-3 connected',
    ]);
    expect(h.statuses.at(-1)?.map((s) => s.slot)).toEqual(['cardReader', 'scanner', 'others.0']);
    expect([a, b, c].map((d) => d.openCount)).toEqual([1, 0, 1]);
    // Not reopened: the rest of the tap completes the value, read with its desk's settings.
    for (const report of tap.slice(10)) c.emit(report);
    expect(h.reads.map((r) => r.value)).toEqual(['04A1B2C3D4E580']);
    expect(h.readDesks).toEqual(['meja-3']);
  });

  it('logs a refused value without its text and reads nothing', async () => {
    const h = harness();
    const device = h.backend.plug({ ...READER, ...KEYBOARD });
    await h.service.start({ cardReader: { ...READER, uidText: 'decimal' }, scanner: null });
    for (const report of reports(WEDGE_CARD_HEX)) device.emit(report);
    expect(h.reads).toEqual([]);
    expect(h.logged).toEqual([
      'Device read refused {"role":"card-reader","why":"not 10 decimal digits"}',
    ]);
  });

  it("shows a training station's devices as 'training'", async () => {
    const h = harness({ isTraining: true });
    h.backend.plug({ ...READER, ...KEYBOARD });
    await h.service.start({ cardReader: READER, scanner: null });
    expect(h.state('card-reader')).toBe('training');
  });

  it('lists each interface once, without the OS path', async () => {
    const h = harness();
    h.backend.plug({ ...READER, ...KEYBOARD, product: 'ACR1252', path: 'a' });
    h.backend.plug({ ...SCANNER, product: 'Scanner', path: 'b' });
    const list = await h.service.list();
    expect(list.map((d) => d.product)).toEqual(['ACR1252', 'Scanner']);
    expect(Object.keys(list[0] ?? {})).not.toContain('path');
  });

  it('stops polling and closes every device', async () => {
    const h = harness();
    const reader = h.backend.plug({ ...READER, ...KEYBOARD });
    await h.service.start({ cardReader: READER, scanner: null });
    await h.service.stop();
    expect(reader.openCount).toBe(0);
    expect(h.isPolling).toBe(false);
  });
});
