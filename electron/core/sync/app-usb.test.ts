import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { value } from '../../testing/desk';
import { createTestStation, type TestStation } from '../../testing/station';
import { memoryPair } from '../../transport/memory-pair';

let station: TestStation;
beforeAll(async () => {
  station = await createTestStation();
});
afterAll(async () => {
  await station.dispose();
});

let connections = 0;
const operator = () =>
  memoryPair(station.dispatcher, `usb-drives-${connections++}`, {
    role: 'operator',
    userName: 'Sri',
    userId: 'u-sri',
    mode: 'officer',
  });

describe('sync-usb-drives', () => {
  it('answers with the drives the host port finds', async () => {
    const drive = { path: 'E:\\', label: 'STIK DESA', freeBytes: 15032385536 };
    station.ports.drives = { list: () => Promise.resolve([drive]) };
    expect(value(await operator().send('sync-usb-drives', {}))).toEqual([drive]);
  });

  it('a listing that fails is an internal error, logged', async () => {
    station.ports.drives = { list: () => Promise.reject(new Error('Removable volumes: not JSON')) };
    expect(await operator().send('sync-usb-drives', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(station.errors.join('\n')).toContain('Removable volumes: not JSON');
  });
});
