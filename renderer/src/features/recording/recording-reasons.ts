import { knownKey } from '../desk/desk-reasons';
import type { MessageKey } from '../../lib/i18n/id';

/**
 * The officer's sentence for a core refusal `reason` of recording-create (electron/core/
 * recording/validate.ts and the eligibility problems), or null to fall back to the code's.
 */
export function recordingReasonKey(reason: string | undefined): MessageKey | null {
  if (!reason) return null;
  return knownKey(`recording.saveReason.${reason}`) ?? knownKey(`recording.problem.${reason}`);
}
