import { id, type MessageKey } from '../../lib/i18n/id';

/**
 * Where the desk's sentence for a core `reason` lives. A `desk.reason.*` key wins over the shared
 * `reason.*` one where the kiosk already uses the same reason with a citizen's wording
 * (UNKNOWN_REQUIREMENT there means a photo for an unknown requirement).
 */
export function deskReasonKey(reason: string | undefined): MessageKey | null {
  if (!reason) return null;
  // records.reason.*: the recording and stock refusals (BLANKS_EMPTY in the print dialog too).
  return (
    knownKey(`desk.reason.${reason}`) ??
    knownKey(`records.reason.${reason}`) ??
    knownKey(`reason.${reason}`)
  );
}

/** A key built from data (a status, a reason) when the dictionary has it. */
export function knownKey(key: string): MessageKey | null {
  return key in id ? (key as MessageKey) : null;
}
