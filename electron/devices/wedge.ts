import {
  charKey,
  COMMAND_BITS,
  KEY_ENTER,
  KEY_KEYPAD_ENTER,
  KEY_ROLLOVER,
  keyChar,
  SHIFT_BITS,
} from './wedge-keys';

/**
 * Keyboard-wedge readers as HID devices (docs/devices.md): each input report is a boot-keyboard
 * report, 8 bytes: modifier bits, a reserved byte, then up to six key codes held down. A reader
 * spells the UID or the scanned text key by key and ends with Enter. Pure: the caller passes the
 * time of each report, so a burst that never ends can be dropped.
 */
export const WEDGE_REPORT_LENGTH = 8;
/** A reader types a value in one go (a report every few ms); a pause this long ends a burst. */
export const WEDGE_IDLE_MS = 1_000;
/** Longer than any UID or code we read (a QR link is under 200): the rest is junk. */
export const WEDGE_MAX_LENGTH = 512;

export interface WedgeState {
  /** Text typed since the last Enter. */
  text: string;
  /** Keys held in the previous report: a key held over several reports types once. */
  held: readonly number[];
  lastAt: number;
  /** An overlong burst is being thrown away up to its Enter. */
  isDiscarding: boolean;
}

export const EMPTY_WEDGE: WedgeState = {
  text: '',
  held: [],
  lastAt: -Infinity,
  isDiscarding: false,
};

export type WedgeDrop = 'timeout' | 'overlong' | 'partial-report';

export interface WedgeStep {
  state: WedgeState;
  /** The text ended by this report's Enter (never empty). */
  value: string | null;
  /** Why typed text (or the report) was thrown away, for the log. */
  dropped: WedgeDrop | null;
}

/** One input report. A report id byte in front (9 bytes) is tolerated and skipped. */
export function wedgeReport(state: WedgeState, report: Uint8Array, at: number): WedgeStep {
  const bytes = report.length === WEDGE_REPORT_LENGTH + 1 ? report.subarray(1) : report;
  // A short read (a truncated transfer) could hide held keys: leave everything as it was.
  if (bytes.length < WEDGE_REPORT_LENGTH) return { state, value: null, dropped: 'partial-report' };
  const expired = wedgeExpire(state, at);
  let next: WedgeState = { ...expired.state, lastAt: at };
  const keys = [...bytes.subarray(2, WEDGE_REPORT_LENGTH)].filter((k) => k !== 0);
  // Phantom state: the keyboard cannot tell which keys are down; the report means nothing.
  if (keys.includes(KEY_ROLLOVER)) return { state: next, value: null, dropped: expired.dropped };
  const modifiers = bytes[0] ?? 0;
  const pressed = keys.filter((k) => !state.held.includes(k));
  next = { ...next, held: keys };
  let value: string | null = null;
  let dropped = expired.dropped;
  for (const key of pressed) {
    if (key === KEY_ENTER || key === KEY_KEYPAD_ENTER) {
      if (!next.isDiscarding && next.text.length > 0) value = next.text;
      next = { ...next, text: '', isDiscarding: false };
      continue;
    }
    if (next.isDiscarding || (modifiers & COMMAND_BITS) !== 0) continue;
    const char = keyChar(key, (modifiers & SHIFT_BITS) !== 0);
    if (char === null) continue;
    if (next.text.length >= WEDGE_MAX_LENGTH) {
      next = { ...next, text: '', isDiscarding: true };
      dropped = 'overlong';
      continue;
    }
    next = { ...next, text: next.text + char };
  }
  return { state: next, value, dropped };
}

/** Drops typed text that waited longer than WEDGE_IDLE_MS for its Enter. */
export function wedgeExpire(
  state: WedgeState,
  at: number,
): { state: WedgeState; dropped: WedgeDrop | null } {
  if (at - state.lastAt <= WEDGE_IDLE_MS) return { state, dropped: null };
  const hadText = state.text.length > 0 || state.isDiscarding;
  return {
    // Held keys stay held: a key down across the pause is still one press.
    state: { ...state, text: '', isDiscarding: false },
    dropped: hadText ? 'timeout' : null,
  };
}

/**
 * The reports a wedge reader sends to type `text` and Enter: each key pressed, then all released
 * (so a doubled character types twice). Null when a character has no key on a US layout. The
 * training card reader and scanner type through this.
 */
export function wedgeReportsFor(text: string): Uint8Array[] | null {
  const reports: Uint8Array[] = [];
  const release = new Uint8Array(WEDGE_REPORT_LENGTH);
  for (const char of text) {
    const key = charKey(char);
    if (!key) return null;
    reports.push(Uint8Array.of(key.isShift ? 0x02 : 0, 0, key.code, 0, 0, 0, 0, 0), release);
  }
  reports.push(Uint8Array.of(0, 0, KEY_ENTER, 0, 0, 0, 0, 0), release);
  return reports;
}
