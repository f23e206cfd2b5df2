/**
 * Input reports of keyboard-wedge and raw HID readers, as hex, one report per `|` or line, in the
 * order the reader sends them. They are written byte for byte to the HID specs (boot keyboard:
 * modifier bits, reserved byte, six key codes; US layout usage codes) and to the report layouts
 * of the reader kinds in docs/devices.md; no hardware was at hand to capture them (see the docs).
 */

/** Parses a fixture: reports split on `|` or new lines, bytes on spaces. */
export function reports(hex: string): Uint8Array[] {
  return hex
    .split(/[|\n]/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0)
    .map((r) => Uint8Array.from(r.split(/\s+/), (b) => parseInt(b, 16)));
}

/**
 * A wedge card reader in hex mode taps a 7-byte KTP-el UID: it types "04A1B2C3D4E580" and Enter,
 * each key pressed then released, Shift (02) in the same report as the letters A-E.
 */
export const WEDGE_CARD_HEX = `
  00 00 27 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 04 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 05 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 06 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 07 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 08 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 22 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 25 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 27 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * A reader that types "04:a1:b2:c3" with colons: Shift goes down alone (02 00 00 …), then Shift
 * with the ';' key (33) types ':', then Shift comes up; a 4-byte UID.
 */
export const WEDGE_CARD_COLONS_SHIFT_ALONE = `
  00 00 27 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 02 00 33 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 04 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 02 00 33 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 05 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 02 00 33 00 00 00 00 00
  02 00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 06 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * A cheap 125 kHz-style reader in decimal mode on the keypad: "0077705923" (the 4-byte UID
 * 04 A1 B2 C3, most significant byte first) on keys 59-62, then keypad Enter (58).
 */
export const WEDGE_CARD_DECIMAL_KEYPAD = `
  00 00 62 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 62 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 62 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5d 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 61 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5a 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 5b 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 58 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/** The same card on a reader that reads the UID least significant byte first: "3283263748". */
export const WEDGE_CARD_DECIMAL_REVERSED = `
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 25 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 23 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 24 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 25 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * A QR scanner reads `LM1|A-0042|"Kijang Ulu"?_ok`: shifted symbols with left Shift (02: L M | A
 * K U _) and right Shift (20: the quotes and ?), digits on the top row.
 */
export const WEDGE_SCANNER_SYMBOLS = `
  02 00 0f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 10 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 31 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 04 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 2d 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 27 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 27 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 31 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  20 00 34 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 0e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 0c 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 0d 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 04 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 11 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 0a 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 2c 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 18 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 0f 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 18 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  20 00 34 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  20 00 38 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 2d 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 12 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 0e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * "11" from a reader that repeats a report while a key is down: 1 (1e) is held over three
 * reports, released, pressed again; then Enter. The held key types once.
 */
export const WEDGE_HELD_KEY = `
  00 00 1e 00 00 00 00 00 | 00 00 1e 00 00 00 00 00 | 00 00 1e 00 00 00 00 00
  00 00 00 00 00 00 00 00 | 00 00 1e 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * "ab" typed fast: a (04) and b (05) in one report (two slots), a released while b is still
 * held, then both up; then Enter. Each key counts once.
 */
export const WEDGE_TWO_KEYS_ONE_REPORT = `
  00 00 04 05 00 00 00 00 | 00 00 05 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * "A1B2C3D4" from a reader over a flaky hub: a truncated 3-byte transfer (02 00 05) arrives
 * after the 1, and a rollover report (01 in every slot) after the 2. Neither types anything;
 * the B still arrives in the next full report.
 */
export const WEDGE_PARTIAL_AND_ROLLOVER = `
  02 00 04 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1e 00 00 00 00 00 | 00 00 00 00 00 00 00 00 | 02 00 05
  02 00 05 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 1f 00 00 00 00 00 | 00 00 01 01 01 01 01 01 | 00 00 00 00 00 00 00 00
  02 00 06 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 20 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  02 00 07 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 21 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/** A boot keyboard report behind a report id byte (01), 9 bytes: types "z" and Enter. */
export const WEDGE_WITH_REPORT_ID = `
  01 00 00 1d 00 00 00 00 00 | 01 00 00 00 00 00 00 00 00
  01 00 00 28 00 00 00 00 00 | 01 00 00 00 00 00 00 00 00
`;

/** Ctrl+V (01 with 19) pressed between "x" and Enter: a command, not text; only "x" counts. */
export const WEDGE_CTRL_KEY = `
  00 00 1b 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  01 00 19 00 00 00 00 00 | 00 00 00 00 00 00 00 00
  00 00 28 00 00 00 00 00 | 00 00 00 00 00 00 00 00
`;

/**
 * A raw contactless reader (report id 01, then a length byte, then up to 10 UID bytes, zero
 * padded to 16): a 7-byte UID 04 A1 B2 C3 D4 E5 80, then a 4-byte one A1 B2 C3 D4.
 */
export const RAW_LENGTH_BYTE = `
  01 07 04 a1 b2 c3 d4 e5 80 00 00 00 00 00 00 00
  01 04 a1 b2 c3 d4 00 00 00 00 00 00 00 00 00 00
`;

/** The same kind of reader with no card on it: length 0. */
export const RAW_NO_CARD = `
  01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
`;

/** A keep-alive status report (id 03) from that reader: not a read. */
export const RAW_STATUS_REPORT = `
  03 01 00 00 00 00 00 00
`;

/** A reader without report ids that sends a fixed 4-byte UID least significant byte first. */
export const RAW_LSB_FIRST = `
  c3 b2 a1 04 00 00 00 00
`;

/** The length byte says 7 but the transfer was cut after 4 UID bytes. */
export const RAW_TRUNCATED = `
  01 07 04 a1 b2 c3
`;

/** A length byte larger than the layout allows (0x20 for a 10-byte field): corrupt. */
export const RAW_BAD_LENGTH = `
  01 20 04 a1 b2 c3 d4 e5 80 00 00 00 00 00 00 00
`;

/**
 * A HID POS barcode scanner (report id 02, a length byte, then the text, zero padded): it reads
 * "A-0042 OKI" and appends CR (0d), which is trimmed.
 */
export const RAW_SCANNER_TEXT = `
  02 0b 41 2d 30 30 34 32 20 4f 4b 49 0d 00 00 00 00 00
`;

/** The same scanner sending a control byte (07, bell) inside the text: not text. */
export const RAW_SCANNER_CONTROL = `
  02 04 41 07 42 43 00 00
`;
