import { id, type MessageKey } from './id';

/**
 * Where each kind of screen finds the sentence for a core failure's `reason`
 * (docs/kiosk-applications.md): the first prefix whose key the dictionary has wins. The one place
 * a reason code becomes a dictionary key; reasons.ts makes the sentences from it.
 */
const SCOPES = {
  /** The citizen's wording, shared by every screen without its own. */
  common: ['reason'],
  /**
   * The officer's desk, print, records and stock screens. A `desk.reason.*` key wins over the
   * shared `reason.*` one where the kiosk already uses the same reason with a citizen's wording
   * (UNKNOWN_REQUIREMENT there means a photo for an unknown requirement); `records.reason.*` holds
   * the recording and stock refusals (BLANKS_EMPTY in the print dialog too).
   */
  desk: ['desk.reason', 'records.reason', 'reason'],
  /** recording-create refusals (electron/core/recording/validate.ts), eligibility problems. */
  recording: ['recording.saveReason', 'recording.problem'],
  /** The device settings and the training panel. */
  devices: ['devices.reason'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonScope = keyof typeof SCOPES;

/** A key built from data (a status, a reason) when the dictionary has it. */
export function knownKey(key: string): MessageKey | null {
  return key in id ? (key as MessageKey) : null;
}

/** The dictionary key for a core `reason` as `scope`'s screens word it, or null if none has one. */
export function reasonKey(
  reason: string | undefined,
  scope: ReasonScope = 'common',
): MessageKey | null {
  if (!reason) return null;
  for (const prefix of SCOPES[scope]) {
    const key = knownKey(`${prefix}.${reason}`);
    if (key) return key;
  }
  return null;
}
