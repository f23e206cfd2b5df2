import type { PortraitInput } from '../../../../electron/contract';
import type { FrameCheck } from './checks';

/** A portrait taken in the portrait step, ready for the core and shown for review. */
export interface CapturedPortrait {
  blob: Blob;
  /** Object URL of `blob`; whoever holds the portrait revokes it. */
  url: string;
  input: PortraitInput;
  /** The chosen frame's checks with their reasons, for the officer. */
  checks: FrameCheck[];
  /** True when every check passed and the capture was automatic. */
  isAuto: boolean;
}

/** The core's bounds for an override reason (PortraitInput.overrideReason). */
export const OVERRIDE_REASON = { min: 10, max: 300 } as const;

/** What is wrong with an override reason as typed, or null when it can be sent (trimmed). */
export function overrideProblem(text: string): 'short' | 'long' | null {
  const length = text.trim().length;
  if (length < OVERRIDE_REASON.min) return 'short';
  if (length > OVERRIDE_REASON.max) return 'long';
  return null;
}
