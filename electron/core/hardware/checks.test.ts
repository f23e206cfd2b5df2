import { describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../contract';
import { clockLine, deviceLine } from './checks';

const status = (
  over: Partial<DeviceStatus> & Pick<DeviceStatus, 'role' | 'state'>,
): DeviceStatus => ({
  label: null,
  vendorId: null,
  productId: null,
  since: '2026-11-29T01:00:00.000Z',
  message: null,
  lastReadAt: null,
  ...over,
});

describe('clock and device lines', () => {
  const now = new Date('2026-11-29T02:00:00.000Z');
  it('fails before 2026, behind the audit log or more than a day ahead of it', () => {
    expect(clockLine(new Date('2025-12-31T16:59:00.000Z'), null)).toMatchObject({
      passed: false,
      detail: expect.stringContaining('sebelum tahun 2026'),
    });
    expect(clockLine(new Date('2025-12-31T17:00:00.000Z'), null)).toMatchObject({ passed: true });
    expect(clockLine(now, '2026-11-29T02:00:59.000Z')).toMatchObject({ passed: true });
    expect(clockLine(now, '2026-11-29T02:01:01.000Z')).toEqual({
      item: 'clock',
      passed: false,
      detail:
        'Jam mundur: Minggu, 29 November 2026, 09.00 WIB, padahal catatan terakhir Minggu, 29 November 2026, 09.01 WIB',
    });
    expect(clockLine(now, '2026-11-28T02:00:00.000Z')).toMatchObject({ passed: true });
    expect(clockLine(now, '2026-11-28T01:59:59.000Z')).toMatchObject({
      passed: false,
      detail: expect.stringContaining('lebih dari sehari'),
    });
  });

  it('passes a connected or training device, fails the rest with why', () => {
    const line = (state: DeviceStatus['state']) =>
      deviceLine('scanner', [status({ role: 'scanner', state })]);
    expect(
      ['connected', 'training', 'disconnected', 'not-configured', 'error'].map(
        (s) => line(s as DeviceStatus['state']).passed,
      ),
    ).toEqual([true, true, false, false, false]);
    expect(line('not-configured').detail).toBe('Belum dipilih di pengaturan perangkat');
    expect(deviceLine('card-reader', [])).toEqual({
      item: 'card-reader',
      passed: false,
      detail: 'Tidak ada data dari lapisan perangkat',
    });
  });
});
