/**
 * HID keyboard usage codes (USB HID Usage Tables, page 7) of a US layout: what a keyboard-wedge
 * reader "presses" to type a UID or a scanned code. [without Shift, with Shift].
 */
const ROWS: [number, string, string][] = [
  [0x04, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  [0x1e, '1234567890', '!@#$%^&*()'],
  [0x2c, ' -=[]\\', ' _+{}|'],
  // 0x32 is the non-US # key (absent on a US keyboard): skipped.
  [0x33, ";'`,./", ':"~<>?'],
];

export const KEY_ENTER = 0x28;
export const KEY_KEYPAD_ENTER = 0x58;
/** ErrorRollOver: the keyboard saw too many keys at once; the report says nothing else. */
export const KEY_ROLLOVER = 0x01;

/** Left Shift 0x02, right Shift 0x20. */
export const SHIFT_BITS = 0x22;
/** Ctrl, Alt and GUI (both sides): a key pressed with one of them is a command, not text. */
export const COMMAND_BITS = 0xdd;

const typed = new Map<number, [string, string]>();
for (const [first, plain, shifted] of ROWS) {
  for (let i = 0; i < plain.length; i += 1) typed.set(first + i, [plain[i]!, shifted[i]!]);
}
// The keypad types the same with or without Shift (Num Lock on, as readers assume).
for (const [code, char] of [
  [0x54, '/'],
  [0x55, '*'],
  [0x56, '-'],
  [0x57, '+'],
  [0x63, '.'],
  ...[...'1234567890'].map((c, i) => [0x59 + i, c] as const),
] as const) {
  typed.set(code, [char, char]);
}

/** The character a key types, or null for keys that type nothing (arrows, F-keys, Caps Lock). */
export function keyChar(code: number, isShift: boolean): string | null {
  const chars = typed.get(code);
  return chars ? chars[isShift ? 1 : 0] : null;
}

const keyOf = new Map<string, { code: number; isShift: boolean }>();
for (const [code, [plain, shifted]] of typed) {
  // The main block wins over the keypad for the same character.
  if (code >= 0x54) continue;
  keyOf.set(plain, { code, isShift: false });
  if (shifted !== plain) keyOf.set(shifted, { code, isShift: true });
}

/** The key (and Shift) that types `char` on a US layout, or null. */
export function charKey(char: string): { code: number; isShift: boolean } | null {
  return keyOf.get(char) ?? null;
}
