import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { recordingReasonKey } from './recording-reasons';

describe('recordingReasonKey', () => {
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
      const key = recordingReasonKey(reason);
      expect(key, reason).toBe(`recording.saveReason.${reason}`);
      expect(en[key!]).toBeTruthy();
    }
    expect(recordingReasonKey('ALREADY_RECORDED')).toBe('recording.problem.ALREADY_RECORDED');
    expect(recordingReasonKey('SOMETHING_NEW')).toBeNull();
    expect(recordingReasonKey(undefined)).toBeNull();
  });
});
