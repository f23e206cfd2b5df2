import { describe, expect, it } from 'vitest';
import {
  ageDays,
  choiceLabel,
  countArgs,
  defaultQueueFilters,
  PAGE_SIZE,
  queueArgs,
  stepLabel,
  tabCount,
  villagesOf,
} from './queue-args';

describe('work queue arguments', () => {
  it('sends only the filters set, the text trimmed, and the page', () => {
    expect(queueArgs(defaultQueueFilters(), 0)).toEqual({
      status: 'baru',
      offset: 0,
      limit: PAGE_SIZE,
    });
    const filters = {
      ...defaultQueueFilters(),
      status: '' as const,
      village: '1602011001',
      channel: 'kiosk' as const,
      olderThanDays: '7',
      text: '  Siti ',
    };
    expect(queueArgs(filters, 50)).toEqual({
      village: '1602011001',
      channel: 'kiosk',
      olderThanDays: 7,
      text: 'Siti',
      offset: 50,
      limit: PAGE_SIZE,
    });
    // The counts keep the filters but not the status tab or the page.
    expect(countArgs({ ...filters, status: 'selesai' })).toEqual({
      village: '1602011001',
      channel: 'kiosk',
      olderThanDays: 7,
      text: 'Siti',
    });
  });

  it('counts a tab, narrows villages by kecamatan, names choices and ages', () => {
    const counts = { baru: 3, diusulkan: 1, dikembalikan: 0, selesai: 2, ditolak: 0, all: 6 };
    expect(tabCount(counts, '')).toBe(6);
    expect(tabCount(counts, 'selesai')).toBe(2);
    expect(tabCount(null, 'baru')).toBe(0);
    const villages = [
      { code: '1602011001', name: 'A', count: 1, kecamatan: '160201' },
      { code: '1602021001', name: null, count: 2, kecamatan: '160202' },
    ];
    expect(villagesOf(villages, '160202').map((v) => v.code)).toEqual(['1602021001']);
    expect(villagesOf(villages, '')).toHaveLength(2);
    expect(choiceLabel(villages[0]!)).toBe('A (1602011001)');
    expect(choiceLabel(villages[1]!)).toBe('1602021001');
    const now = new Date('2026-11-30T02:00:00.000Z');
    expect(ageDays('2026-11-29T02:00:00.000Z', now)).toBe(1);
    expect(ageDays('2026-11-29T02:00:01.000Z', now)).toBe(0);
    expect(ageDays('2026-12-01T00:00:00.000Z', now)).toBe(0);
    expect(ageDays('not a time', now)).toBe(0);
    expect(stepLabel('dikirim').id).toBe('Diterima di Disdukcapil');
    expect(stepLabel('something-new')).toEqual({ id: 'something-new', en: 'something-new' });
  });
});
