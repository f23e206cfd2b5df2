import { describe, expect, it } from 'vitest';
import { idleTimes } from './idle';

describe('idleTimes', () => {
  it('warns in the last minute of a long limit, never later than the hub signs out', () => {
    expect(idleTimes(900)).toEqual({ quietMs: 840_000, warningMs: 60_000, keepAliveMs: 450_000 });
  });

  it('gives a short limit a quarter of it as warning', () => {
    expect(idleTimes(8)).toEqual({ quietMs: 6000, warningMs: 2000, keepAliveMs: 4000 });
  });

  it('never lets a zero or negative limit make the warning vanish', () => {
    expect(idleTimes(0)).toEqual({ quietMs: 3000, warningMs: 1000, keepAliveMs: 2000 });
  });
});
