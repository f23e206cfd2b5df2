import { describe, expect, it } from 'vitest';
import { officerName } from './officer';

describe('officerName', () => {
  it('names the account, or the role of a session without one', () => {
    expect(officerName({ role: 'operator', userName: 'Sri', userId: 'u-sri' })).toBe('Sri');
    expect(officerName({ role: 'supervisor', userName: null, userId: null })).toBe('supervisor');
  });
});
