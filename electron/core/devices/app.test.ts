import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeviceConfig,
  DeviceRead,
  DeviceSettings,
  DeviceStatus,
  Result,
} from '../../contract';
import { putSetting } from '../../../db/queries/settings';
import { reports, WEDGE_CARD_HEX } from '../../testing/hid-reports';
import type { ConnectionSource } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';
import { DEVICE_SETTINGS_KEY, readDeviceSettings } from './settings';

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
  desk: 'meja-1',
  isForKiosk: false,
};
const SCANNER: DeviceConfig = {
  vendorId: 0x0c2e,
  productId: 0x0b61,
  format: 'raw',
  raw: { reportId: 2, offset: 1, length: 60, lengthByteOffset: 0, encoding: 'ascii' },
  uidText: null,
  label: 'Pemindai loket',
  desk: 'meja-1',
  isForKiosk: false,
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
/** A connection that also keeps every device push it hears; `source` for a socket's. */
function connect(session: AnySession = admin, source?: ConnectionSource, id = `dev-${n++}`) {
  const client = memoryPair(station.dispatcher, id, session, source);
  const statuses: DeviceStatus[][] = [];
  const reads: DeviceRead[] = [];
  client.listen('device-status', (s) => statuses.push(s));
  client.listen('device-read', (r) => reads.push(r));
  return { id, client, statuses, reads };
}

const count = (table: string) =>
  (station.deps.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
const audits = (action: string) =>
  station.deps.sqlite.prepare('SELECT detail FROM audit_log WHERE action = ?').all(action) as {
    detail: string;
  }[];
/**
 * Not a wait on time: a device report reaches the dispatcher synchronously and each push is
 * delivered in a queued microtask (memory-pair.ts), so one turn of the event loop (setImmediate
 * runs after every microtask queued before it) is an ordering barrier that holds on any machine.
 */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
const code = (result: Result<unknown>) => (result.ok ? 'OK' : result.error.code);

describe('device settings on a real station', () => {
  useStation(false);

  it('starts with nothing chosen; an admin sees what is plugged in', async () => {
    const { client } = connect();
    expect(await client.send('devices-settings-get', {})).toEqual({
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
    // Several devices (issue 16): two of one model are told apart by serial number only.
    [
      'a further reader of the same model without serial numbers',
      { cardReader: READER, others: [{ ...READER, role: 'card-reader', desk: 'meja-2' }] },
      ['others.0.productId'],
    ],
    [
      'two readers of one model, only one with a serial number',
      {
        cardReader: { ...READER, serialNumber: 'A1' },
        others: [{ ...READER, role: 'card-reader', desk: 'meja-2' }],
      },
      ['others.0.serialNumber'],
    ],
    [
      'two readers of one model with the same serial number',
      {
        others: [
          { ...READER, role: 'card-reader', serialNumber: 'A1' },
          { ...READER, role: 'card-reader', desk: 'meja-2', serialNumber: 'A1' },
        ],
      },
      ['others.1.serialNumber'],
    ],
    [
      'a further raw scanner reading hex',
      {
        others: [{ ...SCANNER, role: 'scanner', raw: { ...SCANNER.raw!, encoding: 'uid-hex' } }],
      },
      ['others.0.raw.encoding'],
    ],
    ['a further device without a role', { others: [{ ...READER }] }, []],
    [
      'an unknown field on a further device',
      { others: [{ ...READER, role: 'card-reader', path: '/dev/hidraw9' }] },
      [],
    ],
    [
      'a serial number with control characters',
      { cardReader: { ...READER, serialNumber: 'a\nb' } },
      [],
    ],
    [
      'more than 8 further devices',
      {
        others: Array.from({ length: 9 }, (_, i) => ({
          ...READER,
          role: 'card-reader',
          serialNumber: `S${i}`,
        })),
      },
      [],
    ],
  ];

  it.each(bad)('refuses %s and changes nothing', async (_what, patch, fields) => {
    const device = station.hid.device('/dev/hidraw2');
    const { client, statuses } = connect();
    const before = { settings: count('settings'), audit: count('audit_log') };
    const result = await client.sendRaw({
      name: 'devices-settings-set',
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
    expect(code(await client.send('devices-settings-get', {}))).toBe('FORBIDDEN');
    const set = await client.send('devices-settings-set', { cardReader: READER, scanner: null });
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
      expect(code(await client.send('devices-training', args))).toBe('NOT_TRAINING');
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
    const device = station.hid.plug({ ...READER, ...KEYBOARD, path: 'fake:reader' });
    const { client } = connect();
    const watcher = connect(kiosk);
    const settings: DeviceSettings = { cardReader: READER, scanner: SCANNER };
    expect(await client.send('devices-settings-set', settings)).toEqual({
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
    expect(await client.send('devices-settings-get', {})).toEqual({ ok: true, value: settings });
    const [entry] = audits('devices.settings-changed');
    expect(JSON.parse(entry?.detail ?? '{}')).toMatchObject({
      cardReader: { vendorId: 0x072f, label: 'ACR meja 1' },
      scanner: { format: 'raw' },
    });

    // A tap reaches the officer screen that claimed the reader's desk, and no other.
    const desk = connect(operator);
    expect(await desk.client.send('devices-claim', { desk: 'meja-1' })).toEqual({
      ok: true,
      value: { desk: 'meja-1' },
    });
    for (const report of reports(WEDGE_CARD_HEX)) device.emit(report);
    await settled();
    expect(desk.reads).toEqual([
      { role: 'card-reader', value: '04A1B2C3D4E580', at: '2026-11-29T02:00:00.000Z' },
    ]);
    expect(watcher.reads).toEqual([]);
  });

  it('finding 1.3: a read from the officer desk reader never reaches a kiosk socket; the kiosk reader reaches the kiosk', async () => {
    const device = station.hid.device('fake:reader');
    if (!device) throw new Error('the reader of the previous test stays plugged in');
    const tap = async () => {
      for (const report of reports(WEDGE_CARD_HEX)) device.emit(report);
      await settled();
    };
    const { client } = connect(admin);
    const officer = connect(operator);
    const idleKiosk = connect(kiosk);
    const kioskAtDesk = connect(kiosk);
    const otherDesk = connect(operator);
    const lanSocket = connect(operator, { transport: 'ws', address: '192.168.1.20', local: false });
    const lanKiosk = connect(kiosk, { transport: 'ws', address: '192.168.1.21', local: false });
    await officer.client.send('devices-claim', { desk: 'meja-1' });
    await kioskAtDesk.client.send('devices-claim', { desk: 'meja-1' });
    await otherDesk.client.send('devices-claim', { desk: 'meja-2' });
    // A screen that is not on this machine cannot claim a desk at all.
    for (const remote of [lanSocket, lanKiosk])
      expect(await remote.client.send('devices-claim', { desk: 'meja-1' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', reason: 'NOT_LOCAL' },
      });
    expect(
      await officer.client.sendRaw({ name: 'devices-claim', args: { desk: '../x' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', fields: ['desk'] },
    });

    // The officer's reader: the officer of that desk only, never a kiosk session.
    await tap();
    expect(officer.reads.map((r) => r.value)).toEqual(['04A1B2C3D4E580']);
    for (const other of [idleKiosk, kioskAtDesk, otherDesk, lanSocket, lanKiosk])
      expect(other.reads).toEqual([]);
    // What the attack then did with the UID: nothing to identify with.
    expect(kioskAtDesk.reads).toHaveLength(0);

    // The same reader configured as the kiosk's: the kiosk screen at that desk gets it too.
    const settings: DeviceSettings = {
      cardReader: { ...READER, isForKiosk: true },
      scanner: SCANNER,
    };
    expect(code(await client.send('devices-settings-set', settings))).toBe('OK');
    await tap();
    expect(kioskAtDesk.reads.map((r) => r.value)).toEqual(['04A1B2C3D4E580']);
    expect(officer.reads).toHaveLength(2);
    for (const other of [idleKiosk, otherDesk, lanSocket, lanKiosk])
      expect(other.reads).toEqual([]);

    // A closed connection's claim goes with it: a new one with the same id receives nothing.
    station.dispatcher.disconnect(officer.id);
    const reopened = connect(operator, undefined, officer.id);
    await tap();
    expect(reopened.reads).toEqual([]);
    expect(kioskAtDesk.reads).toHaveLength(2);
    expect(
      code(await client.send('devices-settings-set', { cardReader: READER, scanner: SCANNER })),
    ).toBe('OK');
  });

  it('finding 1.3: settings stored before desks existed keep working: desk meja-1, the kiosk reader only on a kiosk station', async () => {
    const old = { cardReader: { ...READER }, scanner: null } as Record<string, unknown>;
    delete (old['cardReader'] as Record<string, unknown>)['desk'];
    delete (old['cardReader'] as Record<string, unknown>)['isForKiosk'];
    const stored = structuredClone(old);
    await putSetting(station.deps.db, DEVICE_SETTINGS_KEY, stored, '2026-11-29T02:00:00.000Z');
    const asKiosk = await readDeviceSettings(
      station.deps.db,
      { cardReader: null, scanner: null },
      'kiosk',
    );
    const asOfficer = await readDeviceSettings(
      station.deps.db,
      { cardReader: null, scanner: null },
      'officer',
    );
    expect(asKiosk.cardReader).toMatchObject({ desk: 'meja-1', isForKiosk: true });
    expect(asOfficer.cardReader).toMatchObject({ desk: 'meja-1', isForKiosk: false });
    await putSetting(
      station.deps.db,
      DEVICE_SETTINGS_KEY,
      { cardReader: READER, scanner: SCANNER },
      '2026-11-29T02:00:00.000Z',
    );
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
    await client.send('devices-training', { action: 'plug', role: 'scanner' });
    const list = await client.send('devices-list', {});
    await client.send('devices-training', { action: 'unplug', role: 'scanner' });
    expect(list).toMatchObject({
      ok: true,
      value: [{ vendorId: 0x1209, productId: 0x0002, product: 'Pemindai pelatihan' }],
    });
    const settings = await client.send('devices-settings-get', {});
    expect(settings.ok && settings.value.cardReader?.vendorId).toBe(0x1209);
  });
  it('scans a text with the fake scanner and refuses what it cannot type', async () => {
    const { client, reads } = connect(kiosk);
    // The training devices serve the kiosk screen of desk meja-1 too.
    await client.send('devices-claim', { desk: 'meja-1' });
    await client.send('devices-training', { action: 'plug', role: 'scanner' });
    await client.send('devices-training', {
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
      const result = await client.send('devices-training', { action: 'read', role, value });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', reason } });
    }
    await settled();
    expect(reads.map((r) => [r.role, r.value])).toEqual([['scanner', 'A-0042?x=1']]);
    await client.send('devices-training', { action: 'unplug', role: 'scanner' });
  });

  it('plugs the fake card reader, taps a card to the screens of its desk, and unplugs it', async () => {
    const panel = connect(kiosk);
    const screen = connect(operator);
    const elsewhere = connect(operator);
    await screen.client.send('devices-claim', { desk: 'meja-1' });
    await elsewhere.client.send('devices-claim', { desk: 'meja-2' });
    const initial = await panel.client.send('devices-status', {});
    // Card readers at three desks and the scanner at meja-1 (docs/devices.md, "Training mode").
    expect(initial.ok && initial.value.map((s) => [s.slot, s.role, s.desk, s.state])).toEqual([
      ['cardReader', 'card-reader', 'meja-1', 'disconnected'],
      ['scanner', 'scanner', 'meja-1', 'disconnected'],
      ['others.0', 'card-reader', 'meja-2', 'disconnected'],
      ['others.1', 'card-reader', 'meja-3', 'disconnected'],
    ]);

    const plugged = await panel.client.send('devices-training', {
      action: 'plug',
      role: 'card-reader',
    });
    expect(plugged.ok && plugged.value[0]).toMatchObject({
      state: 'training',
      label: 'Pembaca kartu (pelatihan)',
    });
    const read = await panel.client.send('devices-training', {
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
    expect(panel.reads).toEqual([]);
    expect(elsewhere.reads).toEqual([]);

    const unplugged = await panel.client.send('devices-training', {
      action: 'unplug',
      role: 'card-reader',
    });
    expect(unplugged.ok && unplugged.value[0]?.state).toBe('disconnected');
    const late = await panel.client.send('devices-training', {
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
