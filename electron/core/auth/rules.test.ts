import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  CLEARED,
  lockedUntil,
  lockMinutes,
  nextLockMinutes,
  sourceKey,
} from './lockout';
import { isWeakPin, usernameSchema } from './rules';

describe('isWeakPin', () => {
  it.each([
    '000000',
    '999999999',
    '123456',
    '012345',
    '6543210',
    '890123',
    '210987',
    '121212',
    '123123',
    '102102',
    'abcdef',
    'aaaaaaaa',
    'ZYXWVU',
  ])('refuses %s', (pin) => expect(isWeakPin(pin)).toBe(true));

  it.each(['482913', '739104', '1234567890x', '112233', 'kata-sandi', '1221', '1231234'])(
    'accepts %s',
    (pin) => expect(isWeakPin(pin)).toBe(false),
  );
});

describe('usernameSchema', () => {
  it('lower-cases and trims, then allows letters, digits and ._-', () => {
    expect(usernameSchema.parse('  Sri.W_2-x ')).toBe('sri.w_2-x');
    for (const bad of ['ab', 'a'.repeat(33), 'sri w', 'sri@oki', 'séka']) {
      expect(usernameSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('lockout rules', () => {
  const now = new Date('2026-11-29T02:00:00.000Z');

  it('locks on the fifth failure in a row for the given minutes', () => {
    let state = afterFailure(null, now, 15);
    expect(state).toEqual({ failed_attempts: 1, locked_until: null, lock_count: 0 });
    for (let i = 2; i <= 4; i++) {
      state = afterFailure(state, now, 15);
      expect(state).toEqual({ failed_attempts: i, locked_until: null, lock_count: 0 });
    }
    state = afterFailure(state, now, 15);
    expect(state).toEqual({
      failed_attempts: 5,
      locked_until: '2026-11-29T02:15:00.000Z',
      lock_count: 1,
    });
    expect(lockedUntil(state, now)).toBe('2026-11-29T02:15:00.000Z');
    expect(lockedUntil(state, new Date('2026-11-29T02:15:00.000Z'))).toBeNull();
  });

  it('counts afresh after a lock ran out', () => {
    const expired = { failed_attempts: 5, locked_until: '2026-11-29T01:59:59.999Z', lock_count: 1 };
    expect(afterFailure(expired, now, 15)).toEqual({
      failed_attempts: 1,
      locked_until: null,
      lock_count: 1,
    });
    expect(CLEARED).toEqual({ failed_attempts: 0, locked_until: null, lock_count: 0 });
  });

  it('finding 1.10: each later lock from the same source lasts twice as long, at most a day', () => {
    expect([0, 1, 2, 3, 6, 7, 40].map((count) => nextLockMinutes(15, count))).toEqual([
      15, 30, 60, 120, 960, 1440, 1440,
    ]);
    const third = afterFailure({ failed_attempts: 4, locked_until: null, lock_count: 2 }, now, 15);
    expect(third).toEqual({
      failed_attempts: 5,
      locked_until: '2026-11-29T03:00:00.000Z',
      lock_count: 3,
    });
  });

  it('finding 1.10: counts failures per source: each socket address, the windows, in-process', () => {
    expect(sourceKey({ transport: 'ws', address: '192.168.1.20' })).toBe('ws:192.168.1.20');
    expect(sourceKey({ transport: 'ws', address: '::1' })).toBe('ws:::1');
    expect(sourceKey({ transport: 'ipc', address: 'ipc' })).toBe('ipc');
    expect(sourceKey({ transport: 'memory', address: 'memory' })).toBe('memory');
    expect(sourceKey({ transport: 'ws', address: 'x'.repeat(200) })).toHaveLength(80);
  });

  it.each([
    [null, 15],
    [30, 30],
    [1, 1],
    [1440, 1440],
    [0, 15],
    [1441, 15],
    [2.5, 15],
    ['30', 15],
  ])('reads the lock-minutes setting %j as %i', (setting, minutes) => {
    expect(lockMinutes(setting)).toBe(minutes);
  });
});
