import { describe, expect, it } from 'vitest';
import { formatCount, labelEvery, niceScale, shortLabel } from './scale';

describe('chart scales', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceScale(3)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(niceScale(0)).toEqual({ max: 4, step: 1, ticks: [0, 1, 2, 3, 4] });
    expect(niceScale(17)).toEqual({ max: 20, step: 5, ticks: [0, 5, 10, 15, 20] });
    expect(niceScale(1234).max).toBe(1500);
    expect(niceScale(1234).step).toBe(500);
  });

  it('thins labels that would overlap and cuts long ones', () => {
    expect(labelEvery(92, 700, 48)).toBe(7);
    expect(labelEvery(3, 700, 48)).toBe(1);
    expect(shortLabel('Kartu Keluarga baru', 10)).toBe('Kartu Kel…');
    expect(shortLabel('KK', 10)).toBe('KK');
    expect(formatCount(1234567)).toBe('1.234.567');
  });
});
