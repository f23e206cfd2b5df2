import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { id } from '../../lib/i18n/id';
import { deskReasonKey } from './desk-reasons';

const DESK_REASONS = [
  'CLAIMED_BY_OTHER',
  'NOT_CLAIMED',
  'APPLICATION_CLOSED',
  'REQUIREMENTS_UNCHECKED',
  'REASON_REQUIRED',
  'SAME_OFFICER',
  'NOT_CLAIM_HOLDER',
  'UNKNOWN_REQUIREMENT',
  'REPRINT_REASON_REQUIRED',
  'NOT_PRINTABLE',
  'UNKNOWN_PRINTER',
];

describe('desk reasons', () => {
  it('has an Indonesian and an English sentence for every desk and print refusal', () => {
    for (const reason of DESK_REASONS) {
      const key = deskReasonKey(reason);
      expect(key, reason).not.toBeNull();
      if (!key) continue;
      expect(id[key].length, reason).toBeGreaterThan(10);
      expect(en[key].length, reason).toBeGreaterThan(10);
      expect(en[key], reason).not.toBe(id[key]);
    }
  });

  it('prefers the desk wording over the kiosk one for a shared reason', () => {
    expect(deskReasonKey('UNKNOWN_REQUIREMENT')).toBe('desk.reason.UNKNOWN_REQUIREMENT');
    expect(deskReasonKey('INVALID_NIK')).toBe('reason.INVALID_NIK');
  });

  it('names the claim holder', () => {
    expect(id['reason.CLAIMED_BY_OTHER']).toContain('{holder}');
    expect(en['reason.CLAIMED_BY_OTHER']).toContain('{holder}');
  });

  it('has no key for an unknown or missing reason', () => {
    expect(deskReasonKey('NO_SUCH_REASON')).toBeNull();
    expect(deskReasonKey(undefined)).toBeNull();
  });
});
