import { describe, expect, it } from 'vitest';
import { defaultRange, hoursText, percentText, rangeProblem } from './range';

describe('report ranges on screen', () => {
  it('starts each period with a range the hub accepts', () => {
    // 2026-12-10 is a Thursday.
    expect(defaultRange('day', '2026-12-10')).toEqual({ from: '2026-11-11', to: '2026-12-10' });
    expect(defaultRange('week', '2026-12-10')).toEqual({ from: '2026-09-21', to: '2026-12-10' });
    expect(defaultRange('month', '2026-12-10')).toEqual({ from: '2026-01-01', to: '2026-12-10' });
    expect(defaultRange('month', '2026-03-31')).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('names a range that cannot be asked for', () => {
    expect(rangeProblem('2026-12-01', '2026-12-31')).toBeNull();
    expect(rangeProblem('2026-12-31', '2026-12-01')?.id).toMatch(/sebelum/);
    expect(rangeProblem('', '2026-12-01')?.id).toMatch(/tanggal/);
  });

  it('writes shares and hours the Indonesian way', () => {
    expect(percentText(0.457)).toBe('45,7%');
    expect(percentText(null)).toBe('–');
    expect(hoursText(26.5)).toBe('26,5 jam');
    expect(hoursText(14)).toBe('14 jam');
  });
});
