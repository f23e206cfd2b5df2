import { describe, expect, it } from 'vitest';
import { fixedClock } from './system-ports';
import { sequentialIds, systemIds, uuidv7 } from './uuid';

describe('uuidv7', () => {
  it('encodes the timestamp, version and variant', () => {
    const id = uuidv7(0x0189_0a1b_2c3d, new Uint8Array(10).fill(0xff));
    expect(id).toBe('01890a1b-2c3d-7fff-bfff-ffffffffffff');
  });

  it('keeps ids ordered when the clock steps back', () => {
    const clock = fixedClock('2026-11-29T00:00:00Z');
    const ids = systemIds(clock);
    const first = ids.uuid();
    clock.advance(-60_000);
    const second = ids.uuid();
    expect(second.slice(0, 13) >= first.slice(0, 13)).toBe(true);
  });

  it('gives unique, sortable test ids', () => {
    const ids = sequentialIds(fixedClock('2026-11-29T00:00:00Z'));
    const all = Array.from({ length: 50 }, () => ids.uuid());
    expect(new Set(all).size).toBe(50);
    expect([...all].sort()).toEqual(all);
    expect(all[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
