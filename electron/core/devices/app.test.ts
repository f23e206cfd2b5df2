import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeviceConfig,
  DeviceRead,
  DeviceSettings,
  DeviceStatus,
  Result,
} from '../../contract';
import { reports, WEDGE_CARD_HEX } from '../../devices/reports.fixtures';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../test-station';

const admin = { role: 'admin', userName: 'Rina Admin', mode: 'officer', userId: 'u-a' } as const;
const operator = { role: 'operator', userName: 'Sri', mode: 'officer', userId: 'u-o' } as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
type AnySession = typeof admin | typeof operator | typeof kiosk;

const READER: DeviceConfig = {
  vendorId: 0x072f,
  productId: 0x2200,
  format: 'wedge',
  raw: null,
  uidText: 'hex',
  label: 'ACR meja 1',
};
const SCANNER: DeviceConfig = {
  vendorId: 0x0c2e,
  productId: 0x0b61,
  format: 'raw',
  raw: { reportId: 2, offset: 1, length: 60, lengthByteOffset: 0, encoding: 'ascii' },
  uidText: null,
  label: 'Pemindai loket',
};
const KEYBOARD = { usagePage: 1, usage: 6 };

// Opening a station takes seconds here: each group shares one, its tests running in order.
let station: TestStation;
let n = 0;
function useStation(demo: boolean): void {
  beforeAll(async () => {
    station = await createTestStation({ demo });
  });
  afterAll(() => station.dispose());
}
/** A connection that also keeps every device push it hears. */
function connect(session: AnySession = admin) {
  const client = memoryPair(station.dispatcher, `dev-${n++}`, session);
  const statuses: DeviceStatus[][] = [];
  const reads: DeviceRead[] = [];
  client.listen('device-status', (s) => statuses.push(s));
  client.listen('device-read', (r) => reads.push(r));
  return { client, statuses, reads };
}

const count = (table: string) =>
  (station.deps.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
const audits = (action: string) =>
  station.deps.sqlite.prepare('SELECT detail FROM audit_log WHERE action = ?').all(action) as {
    detail: string;
  }[];
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const code = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);

describe('device settings on a real station', () => {
  useStation(false);

  it('starts with nothing chosen; an admin sees what is plugged in', async () => {
    const { client } = connect();
    expect(await client.send('device-settings-get', {})).toEqual({
      ok: true,
      value: { cardReader: null, scanner: null },
    });
    // Stays plugged in for this group: a refused setting must never open it.
    station.hid.plug({ ...READER, ...KEYBOARD, product: 'ACR1252U', path: '/dev/hidraw2' });
    const list = await client.send('devices-list', {});
    expect(list).toMatchObject({ ok: true, value: [{ vendorId: 0x072f, product: 'ACR1252U' }] });
    const status = await connect(kiosk).client.send('devices-status', {});
    expect(status.ok && status.value.map((s) => s.state)).toEqual([
      'not-configured',
      'not-configured',
    ]);
  });

  const bad: [string, unknown, string[]][] = [
    ['a vendor id over 0xffff', { cardReader: { ...READER, vendorId: 0x10000 } }, []],
    ['a negative product id', { cardReader: { ...READER, productId: -1 } }, []],
    ['an empty label', { cardReader: { ...READER, label: '   ' } }, []],
    ['a label over 60 characters', { cardReader: { ...READER, label: 'x'.repeat(61) } }, []],
    ['a raw reader without layout', { scanner: { ...SCANNER, raw: null } }, ['scanner.raw']],
    [
      'a wedge reader with a raw layout',
      { cardReader: { ...READER, raw: SCANNER.raw } },
      ['cardReader.raw'],
    ],
    [
      'a wedge card reader without uidText',
      { cardReader: { ...READER, uidText: null } },
      ['cardReader.uidText'],
    ],
    ['uidText on a scanner', { scanner: { ...SCANNER, uidText: 'hex' } }, ['scanner.uidText']],
    [
      'a layout past the end of a report',
      { scanner: { ...SCANNER, raw: { ...SCANNER.raw!, offset: 10, length: 60 } } },
      ['scanner.raw.length'],
    ],
    [
      'a length byte inside the value',
      { scanner: { ...SCANNER, raw: { ...SCANNER.raw!, lengthByteOffset: 5 } } },
      ['scanner.raw.lengthByteOffset'],
    ],
    [
      'a scanner reading hex',
      { scanner: { ...SCANNER, raw: { ...SCANNER.raw!, encoding: 'uid-hex' } } },
      ['scanner.raw.encoding'],
    ],
    [
      'a fixed 5-byte UID',
      {
        cardReader: {
          ...SCANNER,
          raw: {
            reportId: null,
            offset: 0,
            length: 5,
            lengthByteOffset: null,
            encoding: 'uid-hex',
          },
        },
      },
      ['cardReader.raw.length'],
    ],
    [
      'one device in both roles',
      { cardReader: READER, scanner: { ...READER, uidText: null } },
      ['scanner.productId'],
    ],
    ['an unknown field', { cardReader: { ...READER, serial: 'x' } }, []],
  ];

  it.each(bad)('refuses %s and changes nothing', async (_what, patch, fields) => {
    const device = station.hid.device('/dev/hidraw2');
    const { client, statuses } = connect();
    const before = { settings: count('settings'), audit: count('audit_log') };
    const result = await client.sendRaw({
      name: 'device-settings-set',
      args: { cardReader: null, scanner: null, ...(patch as object) },
    });
    expect(code(result)).toBe('INVALID_ARGS');
    if (fields.length > 0 && !result.ok) {
      expect(result.error.reason).toBe('BAD_DEVICE_SETTINGS');
      expect(result.error.fields).toEqual(fields);
    }
    expect({ settings: count('settings'), audit: count('audit_log') }).toEqual(before);
    expect(device?.openCount).toBe(0);
    await settled();
    expect(statuses).toEqual([]);
  });

  it('lets only an admin list devices and change settings', async () => {
    const { client } = connect(operator);
    const before = count('settings');
    expect(code(await client.send('devices-list', {}))).toBe('FORBIDDEN');
    expect(code(await client.send('device-settings-get', {}))).toBe('FORBIDDEN');
    const set = await client.send('device-settings-set', { cardReader: READER, scanner: null });
    expect(code(set)).toBe('FORBIDDEN');
    expect(count('settings')).toBe(before);
    expect(code(await connect(kiosk).client.send('devices-status', {}))).toBe('OK');
  });

  it('says clearly when the HID library cannot list devices', async () => {
    station.hid.failList('node-hid could not be loaded: libusb-1.0.so.0');
    const result = await connect().client.send('devices-list', {});
    station.hid.failList(null);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'HID_UNAVAILABLE' },
    });
  });

  it('refuses the training panel on a real station (NOT_TRAINING), changing nothing', async () => {
    const before = station.devices.service.status();
    const audit = count('audit_log');
    const { client, reads } = connect(kiosk);
    for (const args of [
      { action: 'plug', role: 'card-reader' },
      { action: 'unplug', role: 'scanner' },
      { action: 'read', role: 'card-reader', value: '04A1B2C3D4E580' },
    ] as const) {
      expect(code(await client.send('training-device', args))).toBe('NOT_TRAINING');
    }
    expect(station.devices.service.status()).toEqual(before);
    expect((await station.hid.list()).map((d) => d.path)).toEqual(['/dev/hidraw2']);
    expect(count('audit_log')).toBe(audit);
    await settled();
    expect(reads).toEqual([]);
  });
});

describe('choosing devices', () => {
  useStation(false);

  it('saves, audits, and opens the chosen devices at once, pushing the status', async () => {
    const device = station.hid.plug({ ...READER, ...KEYBOARD });
    const { client } = connect();
    const watcher = connect(kiosk);
    const settings: DeviceSettings = { cardReader: READER, scanner: SCANNER };
    expect(await client.send('device-settings-set', settings)).toEqual({
      ok: true,
      value: settings,
    });
    // No tick waited for: the reader is open when the call answers.
    expect(device.openCount).toBe(1);
    await settled();
    const last = watcher.statuses.at(-1);
    expect(last?.map((s) => [s.role, s.state, s.label])).toEqual([
      ['card-reader', 'connected', 'ACR meja 1'],
      ['scanner', 'disconnected', 'Pemindai loket'],
    ]);
    expect(await client.send('device-settings-get', {})).toEqual({ ok: true, value: settings });
    const [entry] = audits('devices.settings-changed');
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({
      cardReader: { vendorId: 0x072f, label: 'ACR meja 1' },
      scanner: { format: 'raw' },
    });

    // A tap reaches every screen of this station as a device-read push.
    for (const report of reports(WEDGE_CARD_HEX)) device.emit(report);
    await settled();
    expect(watcher.reads).toEqual([
      { role: 'card-reader', value: '04A1B2C3D4E580', at: '2026-11-29T02:00:00.000Z' },
    ]);
  });

  it('keeps the settings over a restart', async () => {
    await station.close();
    station = await createTestStation({ demo: false }, station.dataDir);
    const device = station.hid.plug({ ...READER, ...KEYBOARD });
    await station.devices.service.poll();
    expect(device.openCount).toBe(1);
    expect(station.devices.service.status().map((s) => s.state)).toEqual([
      'connected',
      'disconnected',
    ]);
  });
});

describe('training devices', () => {
  useStation(true);

  it('uses the fake devices, not the host HID, and lists them for the settings screen', async () => {
    station.hid.plug({ ...READER, ...KEYBOARD });
    const { client } = connect(admin);
    expect(await client.send('devices-list', {})).toEqual({ ok: true, value: [] });
    await client.send('training-device', { action: 'plug', role: 'scanner' });
    const list = await client.send('devices-list', {});
    await client.send('training-device', { action: 'unplug', role: 'scanner' });
    expect(list).toMatchObject({
      ok: true,
      value: [{ vendorId: 0x1209, productId: 0x0002, product: 'Pemindai pelatihan' }],
    });
    const settings = await client.send('device-settings-get', {});
    expect(settings.ok && settings.value.cardReader?.vendorId).toBe(0x1209);
  });
  it('scans a text with the fake scanner and refuses what it cannot type', async () => {
    const { client, reads } = connect(kiosk);
    await client.send('training-device', { action: 'plug', role: 'scanner' });
    await client.send('training-device', {
      action: 'read',
      role: 'scanner',
      value: ' A-0042?x=1 ',
    });
    const bad = [
      ['card-reader', 'not a uid', 'INVALID_UID'],
      ['card-reader', '04A1B2C3D4', 'INVALID_UID'],
      ['scanner', '   ', 'EMPTY_SCAN'],
      ['scanner', 'Rp 5.000 — lunas', 'NOT_TYPABLE'],
    ] as const;
    for (const [role, value, reason] of bad) {
      const result = await client.send('training-device', { action: 'read', role, value });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', reason } });
    }
    await settled();
    expect(reads.map((r) => [r.role, r.value])).toEqual([['scanner', 'A-0042?x=1']]);
    await client.send('training-device', { action: 'unplug', role: 'scanner' });
  });

  it('plugs the fake card reader, taps a card to every screen, and unplugs it', async () => {
    const panel = connect(kiosk);
    const screen = connect(operator);
    const initial = await panel.client.send('devices-status', {});
    expect(initial.ok && initial.value.map((s) => s.state)).toEqual([
      'disconnected',
      'disconnected',
    ]);

    const plugged = await panel.client.send('training-device', {
      action: 'plug',
      role: 'card-reader',
    });
    expect(plugged.ok && plugged.value[0]).toMatchObject({
      state: 'training',
      label: 'Pembaca kartu (pelatihan)',
    });
    const read = await panel.client.send('training-device', {
      action: 'read',
      role: 'card-reader',
      value: '04:a1:b2:c3:d4:e5:80',
    });
    expect(code(read)).toBe('OK');
    await settled();
    expect(screen.reads).toEqual([
      { role: 'card-reader', value: '04A1B2C3D4E580', at: '2026-11-29T02:00:00.000Z' },
    ]);
    expect(screen.statuses.at(-1)?.[0]?.lastReadAt).toBe('2026-11-29T02:00:00.000Z');

    const unplugged = await panel.client.send('training-device', {
      action: 'unplug',
      role: 'card-reader',
    });
    expect(unplugged.ok && unplugged.value[0]?.state).toBe('disconnected');
    const late = await panel.client.send('training-device', {
      action: 'read',
      role: 'card-reader',
      value: '04A1B2C3D4E580',
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'DEVICE_UNPLUGGED' },
    });
    await settled();
    expect(screen.reads).toHaveLength(1);
  });
});
