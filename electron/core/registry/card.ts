/**
 * KTP-el chip UIDs as a contactless reader reports them. Without a Dukcapil SAM the reader gets
 * only the UID of ISO 14443 (domain §5.5): 4, 7 or 10 bytes. Readers print it in many ways
 * ("04:A1:B2:…", "04 a1 b2 …", "04-A1-…"), so it is kept in one form: upper-case hex, no separators.
 */
const UID = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/;

/** The UID in stored form, or null when it is not 4, 7 or 10 bytes of hex. */
export function normalizeUid(text: string): string | null {
  const uid = text.replace(/[\s:-]/g, '').toUpperCase();
  return UID.test(uid) ? uid : null;
}

/**
 * A 4-byte UID starting with 08 is a random ID (ISO/IEC 14443-3): the chip shows a new one at
 * every tap, so binding it would store a number nobody sees again, and one day someone else's
 * card might show it.
 */
export function isRandomUid(uid: string): boolean {
  return uid.length === 8 && uid.startsWith('08');
}
