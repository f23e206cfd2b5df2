import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceRead, DeviceSettings, Result } from '../../contract';
import { TRAINING_SETTINGS } from '../../devices/training';
import { wedgeReportsFor } from '../../devices/wedge';
import { createTestStation, type TestStation } from '../../testing/station';
import type { ConnectionSource } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';

/**
 * Issue 16 item 3, per-desk routing (docs/devices.md, "Who receives reads"): card-reader reads go
 * only to the screens of the reader's desk, whether they are this machine's screens or paired LAN
 * desks; a paired desk can be a screen of its own desk only, a queue display of none.
 */
const admin = { role: 'admin', userName: 'Rina Admin', mode: 'officer', userId: 'u-a' } as const;
const operator = { role: 'operator', userName: 'Sri', mode: 'officer', userId: 'u-o' } as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
type AnySession = typeof admin | typeof operator | typeof kiosk;

/** A browser paired as desk `desk`, as the LAN host fixes it at connect. */
const pairedDesk = (desk: string, host: number): ConnectionSource => ({
  transport: 'ws',
  address: `192.168.1.${host}`,
  local: false,
  lan: { deviceId: `lan-${desk}-${host}`, kind: 'desk', desk },
});
const DISPLAY: ConnectionSource = {
  transport: 'ws',
  address: '192.168.1.40',
  local: false,
  lan: { deviceId: 'lan-tv', kind: 'display', desk: null },
};
/** Paired as a display, yet carrying a desk: still no desk's screen. */
const DISPLAY_WITH_DESK: ConnectionSource = {
  ...DISPLAY,
  lan: { deviceId: 'lan-tv-2', kind: 'display', desk: 'meja-2' },
};
const UNPAIRED: ConnectionSource = { transport: 'ws', address: '192.168.1.50', local: false };
const LOOPBACK: ConnectionSource = { transport: 'ws', address: '127.0.0.1', local: true };

let station: TestStation;
let n = 0;
function useStation(demo: boolean): void {
  beforeAll(async () => {
    station = await createTestStation({ demo });
  });
  afterAll(() => station.dispose());
}
function connect(session: AnySession, source?: ConnectionSource) {
  const id = `desk-${n++}`;
  const client = memoryPair(station.dispatcher, id, session, source);
  const reads: DeviceRead[] = [];
  client.listen('device-read', (r) => reads.push(r));
  return { id, client, reads, values: () => reads.map((r) => r.value) };
}
/**
 * Not a wait on time: reports reach the dispatcher synchronously and pushes are delivered in
 * queued microtasks (memory-pair.ts); one turn of the event loop runs every one queued before.
 */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));
const failure = (result: Result<unknown>) =>
  result.ok ? 'OK' : `${result.error.code}/${result.error.reason ?? ''}`;
/** A 7-byte UID per number: 04 then the number in the last bytes. */
const uid = (i: number) => `04A1B2C3D4${i.toString(16).toUpperCase().padStart(4, '0')}`;

describe('per-desk routing on a training station with readers at meja-1, meja-2 and meja-3', () => {
  useStation(true);

  it('each read reaches only its own desk: paired desks, a local screen of meja-2, never a display', async () => {
    const host = connect(operator);
    const desk2 = connect(operator, pairedDesk('meja-2', 22));
    const desk3 = connect(operator, pairedDesk('meja-3', 23));
    const local2 = connect(operator, LOOPBACK);
    const display = connect(operator, DISPLAY);
    const display2 = connect(operator, DISPLAY_WITH_DESK);
    const unpaired = connect(operator, UNPAIRED);
    const idle = connect(kiosk);
    for (const [screen, desk] of [
      [host, 'meja-1'],
      [desk2, 'meja-2'],
      [desk3, 'meja-3'],
      [local2, 'meja-2'],
    ] as const)
      expect(await screen.client.send('devices-claim', { desk })).toEqual({
        ok: true,
        value: { desk },
      });

    // The attacks: a paired desk claiming another desk, a display claiming any, an unpaired
    // socket claiming at all. Each is refused and changes no claim.
    expect(failure(await desk2.client.send('devices-claim', { desk: 'meja-1' }))).toBe(
      'FORBIDDEN/OTHER_DESK',
    );
    expect(failure(await desk3.client.send('devices-claim', { desk: 'meja-2' }))).toBe(
      'FORBIDDEN/OTHER_DESK',
    );
    // A display is stopped by the dispatcher (DISPLAY_ONLY) or, failing that, by the claim.
    for (const desk of ['meja-1', 'meja-2'])
      for (const screen of [display, display2])
        expect(failure(await screen.client.send('devices-claim', { desk }))).toMatch(
          /^FORBIDDEN\/(DISPLAY_ONLY|NOT_A_DESK)$/,
        );
    expect(failure(await unpaired.client.send('devices-claim', { desk: 'meja-2' }))).toBe(
      'FORBIDDEN/NOT_LOCAL',
    );
    expect(station.devices.desks.deskOf(desk2.id)).toBe('meja-2');
    expect(station.devices.desks.deskOf(desk3.id)).toBe('meja-3');
    expect(station.devices.desks.deskOf(display.id)).toBeNull();

    // Each desk's panel plugs its own reader: the desk is the caller's when it names none.
    const plugged2 = await desk2.client.send('devices-training', {
      action: 'plug',
      role: 'card-reader',
    });
    expect(plugged2.ok && plugged2.value.map((s) => [s.desk, s.role, s.state])).toEqual([
      ['meja-1', 'card-reader', 'disconnected'],
      ['meja-1', 'scanner', 'disconnected'],
      ['meja-2', 'card-reader', 'training'],
      ['meja-3', 'card-reader', 'disconnected'],
    ]);
    await desk3.client.send('devices-training', { action: 'plug', role: 'card-reader' });
    await host.client.send('devices-training', {
      action: 'plug',
      role: 'card-reader',
      desk: 'meja-1',
    });
    expect(station.devices.service.status().map((s) => s.state)).toEqual([
      'training',
      'disconnected',
      'training',
      'training',
    ]);

    // Interleaved at the HID level: the three readers' key reports alternate one by one.
    const reader = (i: number): DeviceConfig => {
      const entry = station.devices.service.configured()[i];
      if (!entry) throw new Error(`no device ${i}`);
      return entry.config;
    };
    const training = station.devices.training!;
    const streams = [
      { device: training.device(reader(0)), reports: wedgeReportsFor(uid(1)) },
      { device: training.device(reader(2)), reports: wedgeReportsFor(uid(2)) },
      { device: training.device(reader(3)), reports: wedgeReportsFor(uid(3)) },
    ];
    const longest = Math.max(...streams.map((s) => s.reports?.length ?? 0));
    for (let i = 0; i < longest; i++)
      for (const { device, reports } of streams) {
        const report = reports?.[i];
        if (report) device?.emit(report);
      }
    await settled();
    expect(host.values()).toEqual([uid(1)]);
    expect(desk2.values()).toEqual([uid(2)]);
    expect(local2.values()).toEqual([uid(2)]);
    expect(desk3.values()).toEqual([uid(3)]);

    // Concurrent taps from the three panels, all in flight at once.
    const taps = [
      ...[10, 11, 12, 13].map((i) => ({ from: desk2, i })),
      ...[20, 21, 22, 23].map((i) => ({ from: desk3, i })),
      ...[30, 31, 32, 33].map((i) => ({ from: host, i })),
    ];
    const answers = await Promise.all(
      taps.map(({ from, i }) =>
        from.client.send('devices-training', {
          action: 'read',
          role: 'card-reader',
          value: uid(i),
        }),
      ),
    );
    expect(answers.map(failure)).toEqual(taps.map(() => 'OK'));
    await settled();
    const sorted = (values: string[]) => [...values].sort();
    expect(sorted(host.values())).toEqual([1, 30, 31, 32, 33].map(uid));
    expect(sorted(desk2.values())).toEqual([2, 10, 11, 12, 13].map(uid));
    expect(local2.values()).toEqual(desk2.values());
    expect(sorted(desk3.values())).toEqual([3, 20, 21, 22, 23].map(uid));

    // A paired desk tapping at another desk, a display tapping at all, an unpaired socket: refused,
    // and nobody hears anything.
    const before = [host, desk2, desk3, local2].map((s) => s.reads.length);
    for (const [screen, args, expected] of [
      [desk2, { desk: 'meja-3' }, 'FORBIDDEN/OTHER_DESK'],
      [desk3, { desk: 'meja-1' }, 'FORBIDDEN/OTHER_DESK'],
      [display, {}, /^FORBIDDEN\/(DISPLAY_ONLY|NOT_A_DESK)$/],
      [display2, {}, /^FORBIDDEN\/(DISPLAY_ONLY|NOT_A_DESK)$/],
      [display, { desk: 'meja-1' }, /^FORBIDDEN\/(DISPLAY_ONLY|NOT_A_DESK)$/],
      [unpaired, { desk: 'meja-2' }, 'FORBIDDEN/NOT_LOCAL'],
    ] as const) {
      const tap = await screen.client.send('devices-training', {
        action: 'read',
        role: 'card-reader',
        value: uid(99),
        ...args,
      });
      expect(failure(tap)).toMatch(expected);
      const unplug = await screen.client.send('devices-training', {
        action: 'unplug',
        role: 'card-reader',
        ...args,
      });
      expect(failure(unplug)).toMatch(expected);
    }
    await settled();
    expect([host, desk2, desk3, local2].map((s) => s.reads.length)).toEqual(before);
    expect(station.devices.service.status().map((s) => s.state)).toEqual([
      'training',
      'disconnected',
      'training',
      'training',
    ]);
    for (const never of [display, display2, unpaired, idle]) expect(never.reads).toEqual([]);

    // meja-2 has no training scanner: its panel is told so, nothing is plugged.
    expect(
      failure(await desk2.client.send('devices-training', { action: 'plug', role: 'scanner' })),
    ).toBe('CONFLICT/NO_DEVICE_AT_DESK');
  });

  it('signing out at a paired desk stops its officer reads; the kiosk rule is as before', async () => {
    const settings = (isForKiosk: boolean): DeviceSettings => ({
      ...TRAINING_SETTINGS,
      others: TRAINING_SETTINGS.others!.map((o) =>
        o.desk === 'meja-2' ? { ...o, isForKiosk } : o,
      ),
    });
    const boss = connect(admin);
    expect(failure(await boss.client.send('devices-settings-set', settings(false)))).toBe('OK');
    const desk2 = connect(operator, pairedDesk('meja-2', 32));
    const local2 = connect(operator);
    await desk2.client.send('devices-claim', { desk: 'meja-2' });
    await local2.client.send('devices-claim', { desk: 'meja-2' });
    const tap = async (i: number) => {
      const result = await desk2.client.send('devices-training', {
        action: 'read',
        role: 'card-reader',
        value: uid(i),
      });
      expect(failure(result)).toBe('OK');
      await settled();
    };
    await desk2.client.send('devices-training', { action: 'plug', role: 'card-reader' });
    await tap(40);
    expect(desk2.values()).toEqual([uid(40)]);

    // Signed out: the paired desk is a kiosk session now, and this reader is no kiosk's.
    const out = await desk2.client.send('auth-logout', {});
    expect(out.ok && out.value.role).toBe('kiosk');
    await tap(41);
    expect(desk2.values()).toEqual([uid(40)]);
    expect(local2.values()).toEqual([uid(40), uid(41)]);

    // The same reader serving the desk's kiosk screen: the kiosk session hears it again.
    expect(failure(await boss.client.send('devices-settings-set', settings(true)))).toBe('OK');
    await desk2.client.send('devices-training', { action: 'plug', role: 'card-reader' });
    await tap(42);
    expect(desk2.values()).toEqual([uid(40), uid(42)]);
  });
});

describe('two readers of one model at two desks (real station)', () => {
  useStation(false);

  const MODEL: DeviceConfig = {
    vendorId: 0x072f,
    productId: 0x2200,
    format: 'wedge',
    raw: null,
    uidText: 'hex',
    label: 'ACR meja 1',
    desk: 'meja-1',
    isForKiosk: false,
  };
  const KEYBOARD = { usagePage: 1, usage: 6 };

  it('tells them apart by serial number, lists both with their desk, and keeps one open when the other goes', async () => {
    const first = station.hid.plug({ ...MODEL, ...KEYBOARD, serialNumber: 'SN-A', path: 'a' });
    const second = station.hid.plug({ ...MODEL, ...KEYBOARD, serialNumber: 'SN-B', path: 'b' });
    const boss = connect(admin);
    const settings: DeviceSettings = {
      cardReader: { ...MODEL, serialNumber: 'SN-A' },
      scanner: null,
      others: [
        {
          ...MODEL,
          role: 'card-reader',
          label: 'ACR meja 2',
          desk: 'meja-2',
          serialNumber: 'SN-B',
        },
      ],
    };
    expect(await boss.client.send('devices-settings-set', settings)).toEqual({
      ok: true,
      value: settings,
    });
    expect(await boss.client.send('devices-settings-get', {})).toEqual({
      ok: true,
      value: settings,
    });
    const status = await connect(kiosk).client.send('devices-status', {});
    expect(status.ok && status.value.map((s) => [s.slot, s.desk, s.label, s.state])).toEqual([
      ['cardReader', 'meja-1', 'ACR meja 1', 'connected'],
      ['scanner', null, null, 'not-configured'],
      ['others.0', 'meja-2', 'ACR meja 2', 'connected'],
    ]);
    expect([first.openCount, second.openCount]).toEqual([1, 1]);

    const desk1 = connect(operator);
    const desk2 = connect(operator, pairedDesk('meja-2', 60));
    await desk1.client.send('devices-claim', { desk: 'meja-1' });
    await desk2.client.send('devices-claim', { desk: 'meja-2' });
    for (const report of wedgeReportsFor(uid(50)) ?? []) second.emit(report);
    for (const report of wedgeReportsFor(uid(51)) ?? []) first.emit(report);
    await settled();
    expect(desk1.values()).toEqual([uid(51)]);
    expect(desk2.values()).toEqual([uid(50)]);

    // The meja-2 reader pulled out: only its line changes.
    station.hid.unplug('b');
    await station.devices.service.poll();
    expect(station.devices.service.status().map((s) => s.state)).toEqual([
      'connected',
      'not-configured',
      'disconnected',
    ]);
    // Dropped from the settings: the meja-1 reader stays open, never reopened, so a tap whose
    // key reports straddle the change still reads whole (a reopened reader would start afresh).
    const straddling = wedgeReportsFor(uid(52)) ?? [];
    const half = Math.floor(straddling.length / 2);
    for (const report of straddling.slice(0, half)) first.emit(report);
    expect(
      failure(await boss.client.send('devices-settings-set', { ...settings, others: [] })),
    ).toBe('OK');
    expect(first.openCount).toBe(1);
    expect(station.devices.service.status().map((s) => s.slot)).toEqual(['cardReader', 'scanner']);
    for (const report of straddling.slice(half)) first.emit(report);
    await settled();
    expect(desk1.values()).toEqual([uid(51), uid(52)]);
    expect(desk2.values()).toEqual([uid(50)]);
  });
});
