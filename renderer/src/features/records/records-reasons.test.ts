import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { id } from '../../lib/i18n/id';
import { deskReasonKey } from '../desk/desk-reasons';

/** The core's refusal reasons an officer can meet on the records, stock and print screens. */
const REASONS = [
  'BLANKS_EMPTY',
  'NO_NIK_YET',
  'NOT_PRINTED',
  'INVALID_TRANSITION',
  'BAD_RECIPIENT_NAME',
  'INVALID_UID',
  'RANDOM_UID',
  'CARD_BOUND_ELSEWHERE',
  'SUPERVISOR_ONLY',
  'BAD_COUNT',
  'BAD_NOTE',
  'STOCK_BELOW_ZERO',
  'SHEET_FAILED',
  'UNDER_17',
  'NOT_PRR',
];

describe('records reasons', () => {
  it('has an Indonesian and an English sentence for every refusal', () => {
    for (const reason of REASONS) {
      const key = deskReasonKey(reason);
      expect(key, reason).not.toBeNull();
      if (!key) continue;
      expect(id[key].length, reason).toBeGreaterThan(10);
      expect(en[key].length, reason).toBeGreaterThan(10);
      expect(en[key], reason).not.toBe(id[key]);
    }
  });

  it('finds the records wording through the desk lookup the print dialog uses', () => {
    expect(deskReasonKey('BLANKS_EMPTY')).toBe('records.reason.BLANKS_EMPTY');
    expect(deskReasonKey('RANDOM_UID')).toBe('reason.RANDOM_UID');
    expect(deskReasonKey('NO_SUCH_REASON')).toBeNull();
  });
});
