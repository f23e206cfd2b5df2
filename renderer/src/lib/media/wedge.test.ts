import { describe, expect, it } from 'vitest';
import { EMPTY_WEDGE, wedgeKey, type WedgeState } from './wedge';

function feed(keys: [string, number][]): string[] {
  let state: WedgeState = EMPTY_WEDGE;
  const scans: string[] = [];
  for (const [key, at] of keys) {
    const step = wedgeKey(state, key, at);
    state = step.state;
    if (step.scanned !== null) scans.push(step.scanned);
  }
  return scans;
}

const burst = (text: string, start: number, gap = 8): [string, number][] =>
  [...text, 'Enter'].map((key, i) => [key, start + i * gap]);

describe('keyboard-wedge scans', () => {
  it('reads a fast burst ending in Enter as one scan', () => {
    const link = 'LAKONMANDIRA:STATUS/OKI-052011K7Q-20261201-0001/ABCDEFGH';
    expect(feed(burst(link, 1000))).toEqual([link]);
  });

  it('ignores a person typing at human speed', () => {
    expect(feed(burst('OKI-052011K7Q', 1000, 180))).toEqual([]);
  });

  it('starts again after a pause, so stray keys before a scan do not stick to it', () => {
    const keys: [string, number][] = [['X', 0], ['Y', 30], ...burst('12345678', 2000)];
    expect(feed(keys)).toEqual(['12345678']);
  });

  it('ignores bursts too short to be a code and keys that are not characters', () => {
    expect(feed(burst('1234', 0))).toEqual([]);
    const withShift: [string, number][] = [['Shift', 0], ...burst('ABCDEFGH', 5)];
    expect(feed(withShift)).toEqual(['ABCDEFGH']);
  });
});
