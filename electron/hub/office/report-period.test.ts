import { describe, expect, it } from 'vitest';
import { csvCell } from './report-csv';
import {
  bucketCount,
  bucketKey,
  bucketsOf,
  isDay,
  jakartaDayOf,
  jakartaDayStart,
} from './report-period';
import { percentile } from './report-time';

describe('report periods in Jakarta days', () => {
  it('puts 23:30 WIB and 00:30 WIB on their own days', () => {
    expect(jakartaDayOf('2026-11-30T16:30:00.000Z')).toBe('2026-11-30');
    expect(jakartaDayOf('2026-11-30T17:30:00.000Z')).toBe('2026-12-01');
    expect(jakartaDayOf('2026-11-30T17:00:00.000Z')).toBe('2026-12-01');
    expect(jakartaDayStart('2026-12-01')).toBe('2026-11-30T17:00:00.000Z');
  });

  it('checks real calendar days', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('26-12-01')).toBe(false);
  });

  it('numbers ISO weeks across the turn of the year', () => {
    // 2026 starts on a Thursday: it has 53 weeks, and 1 Jan 2027 (a Friday) is in its last.
    expect(bucketKey('week', '2026-12-31')).toBe('2026-W53');
    expect(bucketKey('week', '2027-01-03')).toBe('2026-W53');
    expect(bucketKey('week', '2027-01-04')).toBe('2027-W01');
    expect(bucketKey('week', '2025-12-29')).toBe('2026-W01');
    expect(bucketKey('month', '2026-12-31')).toBe('2026-12');
  });

  it('clips the first and last bucket to the range', () => {
    expect(bucketsOf('week', '2026-12-30', '2027-01-05')).toEqual([
      {
        key: '2026-W53',
        label: 'Mg 53',
        title: 'Minggu ke-53 (30 Desember 2026 – 3 Januari 2027)',
        from: '2026-12-30',
        to: '2027-01-03',
      },
      {
        key: '2027-W01',
        label: 'Mg 1',
        title: 'Minggu ke-1 (4 Januari 2027 – 5 Januari 2027)',
        from: '2027-01-04',
        to: '2027-01-05',
      },
    ]);
    expect(
      bucketsOf('month', '2026-01-15', '2026-03-02').map((b) => [b.key, b.label, b.from, b.to]),
    ).toEqual([
      ['2026-01', 'Jan 2026', '2026-01-15', '2026-01-31'],
      ['2026-02', 'Feb 2026', '2026-02-01', '2026-02-28'],
      ['2026-03', 'Mar 2026', '2026-03-01', '2026-03-02'],
    ]);
    expect(bucketsOf('day', '2026-08-01', '2026-08-01')[0]?.label).toBe('1 Agu');
  });

  it('counts buckets without building them', () => {
    expect(bucketCount('day', '2026-01-01', '2026-04-02')).toBe(92);
    expect(bucketCount('week', '2026-12-30', '2027-01-05')).toBe(2);
    expect(bucketCount('month', '2024-01-31', '2026-12-01')).toBe(36);
    for (const period of ['day', 'week', 'month'] as const)
      expect(bucketCount(period, '2026-02-11', '2026-05-03')).toBe(
        bucketsOf(period, '2026-02-11', '2026-05-03').length,
      );
  });
});

describe('report figures', () => {
  it('interpolates percentiles like PERCENTILE.INC', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 4, 24, 48], 0.5)).toBe(14);
    expect(percentile([1, 4, 24, 48], 0.9)).toBeCloseTo(40.8);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('defuses spreadsheet formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+62 811')).toBe("'+62 811");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('baris\ndua')).toBe('"baris\ndua"');
    expect(csvCell('Kayu Agung')).toBe('Kayu Agung');
    expect(csvCell(40.8)).toBe('40,8');
    expect(csvCell(3)).toBe('3');
  });
});
