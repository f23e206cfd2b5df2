import { describe, expect, it } from 'vitest';
import { en } from './en';
import { id } from './id';
import { reasonKey } from './reason-keys';

const deskReasonKey = (reason: string | undefined) => reasonKey(reason, 'desk');

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
  'PDF_MISSING',
  'PDF_DAMAGED',
  'PDF_PRINT_UNSUPPORTED',
];

/** The core's refusal reasons an officer can meet on the records, stock and print screens. */
const RECORDS_REASONS = [
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

describe('desk reasons', () => {
  it.each([
    ['desk and print', DESK_REASONS],
    ['records and stock', RECORDS_REASONS],
  ])('has an Indonesian and an English sentence for every %s refusal', (_, reasons) => {
    for (const reason of reasons) {
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

  it('finds the records wording through the desk lookup the print dialog uses', () => {
    expect(deskReasonKey('BLANKS_EMPTY')).toBe('records.reason.BLANKS_EMPTY');
    expect(deskReasonKey('RANDOM_UID')).toBe('reason.RANDOM_UID');
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

describe('recording reasons', () => {
  it('finds a sentence for the core reasons and the eligibility problems', () => {
    for (const reason of [
      'PORTRAIT_TOO_LARGE',
      'NOT_JPEG',
      'PORTRAIT_WRONG_SIZE',
      'BAD_CHECKS',
      'PORTRAIT_CHECKS_FAILED',
      'SIGNATURE_EMPTY',
      'SIGNATURE_TOO_LONG',
      'SIGNATURE_OUTSIDE_PAD',
      'SIGNATURE_TOO_LARGE',
      'NOT_PNG',
      'SIGNATURE_WRONG_SIZE',
      'BIOMETRICS_NOT_DONE',
      'BAD_KIT_OPERATOR',
    ]) {
      const key = reasonKey(reason, 'recording');
      expect(key, reason).toBe(`recording.saveReason.${reason}`);
      expect(en[key!]).toBeTruthy();
    }
    expect(reasonKey('ALREADY_RECORDED', 'recording')).toBe('recording.problem.ALREADY_RECORDED');
    expect(reasonKey('SOMETHING_NEW', 'recording')).toBeNull();
    expect(reasonKey(undefined, 'recording')).toBeNull();
  });
});
