import { describe, expect, it } from 'vitest';
import { AutoCapture } from './auto-capture';
import type { FrameAssessment } from './checks';

const a = (isPassed: boolean, score: number): FrameAssessment => ({
  checks: [],
  face: null,
  measuredBackground: null,
  isPassed,
  score,
});

describe('AutoCapture', () => {
  it('hands back the best of a run of passing frames, then starts over', () => {
    const auto = new AutoCapture<string>(3);
    expect(auto.push('f1', a(true, 0.7))).toBeNull();
    expect(auto.push('f2', a(true, 0.9))).toBeNull();
    expect(auto.streak).toBe(2);
    expect(auto.push('f3', a(true, 0.8))?.frame).toBe('f2');
    expect(auto.streak).toBe(0);
    expect(auto.push('f4', a(true, 0.5))).toBeNull();
  });

  it('starts the run again on a failing frame, forgetting the earlier best', () => {
    const auto = new AutoCapture<string>(2);
    auto.push('great', a(true, 0.99));
    expect(auto.push('bad', a(false, 0.99))).toBeNull();
    expect(auto.streak).toBe(0);
    auto.push('ok1', a(true, 0.6));
    expect(auto.push('ok2', a(true, 0.5))?.frame).toBe('ok1');
  });

  it('refuses a run length that is not a positive integer', () => {
    expect(() => new AutoCapture(0)).toThrow(/positive integer/);
    expect(() => new AutoCapture(1.5)).toThrow(/positive integer/);
  });
});
