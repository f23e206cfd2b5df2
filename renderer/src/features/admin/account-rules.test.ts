import { describe, expect, it } from 'vitest';
import { accountChanges, pinProblem, usernameProblem } from './account-rules';

describe('usernameProblem', () => {
  it('accepts what the core accepts and names the rest', () => {
    expect(usernameProblem('dedi.op')).toBeNull();
    expect(usernameProblem('a_b-9')).toBeNull();
    expect(usernameProblem('ab')).toBe('admin.usernameInvalid');
    expect(usernameProblem('Dedi')).toBe('admin.usernameInvalid');
    expect(usernameProblem('dedi op')).toBe('admin.usernameInvalid');
    expect(usernameProblem('x'.repeat(33))).toBe('admin.usernameInvalid');
  });
});

describe('pinProblem', () => {
  it('asks for 6 characters first, then for the same PIN twice', () => {
    expect(pinProblem('12345', '12345')).toBe('admin.pinShort');
    expect(pinProblem('kijang-2026', 'kijang-2025')).toBe('setup.pinMismatch');
    expect(pinProblem('kijang-2026', 'kijang-2026')).toBeNull();
  });
});

describe('accountChanges', () => {
  const user = { id: 'u1', displayName: 'Dedi', role: 'operator', isActive: true } as const;

  it('is null when nothing differs (a name with spaces around it is the same name)', () => {
    expect(accountChanges(user, { displayName: ' Dedi ', role: 'operator', isActive: true })).toBe(
      null,
    );
  });

  it('sends only the fields that changed', () => {
    expect(
      accountChanges(user, { displayName: 'Dedi', role: 'supervisor', isActive: true }),
    ).toEqual({ id: 'u1', role: 'supervisor' });
    expect(
      accountChanges(user, { displayName: 'Dedi K.', role: 'operator', isActive: false }),
    ).toEqual({ id: 'u1', displayName: 'Dedi K.', isActive: false });
  });
});
