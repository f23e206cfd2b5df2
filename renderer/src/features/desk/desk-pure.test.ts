import { describe, expect, it } from 'vitest';
import {
  defaultFilters,
  dottedVillage,
  inboxArgs,
  PAGE_SIZE,
  statusTabs,
  tabCount,
} from './inbox-args';

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
});
