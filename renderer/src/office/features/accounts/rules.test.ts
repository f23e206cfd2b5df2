import { describe, expect, it } from 'vitest';
import type { OfficeAccount } from '../../../../../electron/contract/office/accounts';
import { accountState, textProblem, userNameProblem } from './rules';

describe('userNameProblem', () => {
  it('accepts what the hub accepts and names the rest', () => {
    expect(userNameProblem('siti.verif')).toBeNull();
    expect(userNameProblem('Siti.Verif')).toBeNull();
    expect(userNameProblem('ab')).not.toBeNull();
    expect(userNameProblem('.siti')).not.toBeNull();
    expect(userNameProblem('siti verif')).not.toBeNull();
    expect(userNameProblem('x'.repeat(33))).not.toBeNull();
  });
});

describe('textProblem', () => {
  it('asks for some text, not too much', () => {
    expect(textProblem('  ')).not.toBeNull();
    expect(textProblem('Kepala Seksi Identitas Penduduk')).toBeNull();
    expect(textProblem('x'.repeat(121))?.id).toMatch(/120/);
  });
});

describe('accountState', () => {
  const base: OfficeAccount = {
    id: 'u1',
    userName: 'siti.verif',
    displayName: 'Siti',
    title: 'Verifikator',
    role: 'verifikator',
    createdAt: '2026-12-01T00:00:00.000Z',
    disabledAt: null,
    lockedUntil: null,
    failedLogins: 0,
    passwordChangedAt: '2026-12-01T00:00:00.000Z',
    lastSeenAt: null,
  };
  const now = new Date('2026-12-08T10:00:00.000Z');

  it('is locked only until the lock ends, and disabled before anything else', () => {
    expect(accountState(base, now)).toBe('active');
    expect(accountState({ ...base, lockedUntil: '2026-12-08T10:15:00.000Z' }, now)).toBe('locked');
    expect(accountState({ ...base, lockedUntil: '2026-12-08T09:00:00.000Z' }, now)).toBe('active');
    expect(
      accountState(
        { ...base, disabledAt: now.toISOString(), lockedUntil: '2026-12-08T10:15:00.000Z' },
        now,
      ),
    ).toBe('disabled');
  });
});
