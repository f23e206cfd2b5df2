import { describe, expect, it } from 'vitest';
import { formatJakarta, jakartaDay, jakartaDayRange, longDay } from './jakarta';

describe('Jakarta time and days', () => {
  it('counts the day in Asia/Jakarta, not in UTC', () => {
    expect(jakartaDay(new Date('2026-11-29T16:59:00Z'))).toBe('2026-11-29');
    expect(jakartaDay(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });

  it('bounds a Jakarta day in UTC', () => {
    expect(jakartaDayRange('2026-11-29')).toEqual({
      from: '2026-11-28T17:00:00.000Z',
      to: '2026-11-29T17:00:00.000Z',
    });
  });

  it('formats Jakarta time in Indonesian, across midnight too', () => {
    expect(formatJakarta('2026-11-29T17:30:00Z')).toBe('Senin, 30 November 2026, 00.30 WIB');
    expect(formatJakarta('2026-01-01T00:00:00.000Z')).toBe('Kamis, 1 Januari 2026, 07.00 WIB');
    expect(() => formatJakarta('yesterday')).toThrow();
  });

  it('writes a day out in Indonesian', () => {
    expect(longDay('2026-10-15')).toBe('15 Oktober 2026');
    expect(longDay('2026-01-05')).toBe('5 Januari 2026');
    expect(longDay('2026-13-05')).toBe('2026-13-05');
  });
});
