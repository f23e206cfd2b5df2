import { describe, expect, it } from 'vitest';
import { isDay, jakartaDay, shiftDay } from './day';

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
