import { describe, expect, it } from 'vitest';
import { isDay, jakartaDay, shiftDay } from './day';
import {
  defaultFilters,
  dottedVillage,
  inboxArgs,
  PAGE_SIZE,
  pageRange,
  statusTabs,
  tabCount,
} from './inbox-args';
import { previewBox, printFileName, PX_PER_MM } from './print-file';

describe('station days (WIB)', () => {
  it('counts the day in Asia/Jakarta, not in UTC', () => {
    // 17:30 UTC is 00:30 WIB the next day.
    expect(jakartaDay(new Date('2026-12-01T17:30:00Z'))).toBe('2026-12-02');
    expect(jakartaDay(new Date('2026-12-01T16:59:00Z'))).toBe('2026-12-01');
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  it('moves across month and year ends', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('inbox arguments', () => {
  it('sends only the filters that are set, village codes dotted', () => {
    expect(inboxArgs(defaultFilters(), 0)).toEqual({
      offset: 0,
      limit: PAGE_SIZE,
      status: 'diajukan',
    });
    const args = inboxArgs(
      {
        status: '',
        serviceCode: 'kk-hilang-rusak',
        villageCode: '1602052011',
        minAgeDays: 3,
        claim: 'free',
      },
      40,
    );
    expect(args).toEqual({
      offset: 40,
      limit: PAGE_SIZE,
      serviceCode: 'kk-hilang-rusak',
      villageCode: '16.02.05.2011',
      minAgeDays: 3,
      claim: 'free',
    });
    expect(inboxArgs(defaultFilters(), -5).offset).toBe(0);
  });

  it('dots a code once, however it came', () => {
    expect(dottedVillage('1602052011')).toBe('16.02.05.2011');
    expect(dottedVillage('16.02.05.2011')).toBe('16.02.05.2011');
  });

  it('lists working statuses first, then others the core counted, then all', () => {
    const tabs = statusTabs({ diajukan: 2, dikirim: 1 });
    expect(tabs.slice(0, 5)).toEqual([
      'diajukan',
      'berkas-kurang',
      'perlu-persetujuan',
      'diverifikasi',
      'ditolak',
    ]);
    expect(tabs.slice(5)).toEqual(['dikirim', '']);
    expect(tabCount({ diajukan: 2, dikirim: 1 }, '')).toBe(3);
    expect(tabCount({ diajukan: 2 }, 'ditolak')).toBe(0);
  });

  it('says which rows a page shows', () => {
    expect(pageRange(20, 20)).toEqual({ from: 21, to: 40 });
    expect(pageRange(0, 0)).toBeNull();
  });
});

describe('print helpers', () => {
  it('scales an A4 preview down to the space there is, never up', () => {
    const a4 = previewBox({ width: 210, height: 297 }, 2, 397);
    expect(a4.width).toBeCloseTo(210 * PX_PER_MM);
    expect(a4.height).toBeCloseTo(297 * 2 * PX_PER_MM);
    expect(a4.scale).toBeCloseTo(397 / (210 * PX_PER_MM));
    expect(previewBox({ width: 85.6, height: 54 }, 1, 2000).scale).toBe(1);
  });

  it('names the download without personal data', () => {
    expect(printFileName('kk', '2026-12-02', [1])).toBe('kk-2026-12-02-salinan-1.pdf');
    expect(printFileName('f-1.02', '2026-12-02', [3, 4])).toBe('f-1.02-2026-12-02-salinan-3-4.pdf');
    expect(printFileName('kia', '2026-12-02', [])).toBe('kia-2026-12-02.pdf');
  });
});
