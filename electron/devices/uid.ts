/**
 * KTP-el chip UIDs as a contactless reader reports them. Without a Dukcapil SAM the reader gets
 * only the UID of ISO 14443 (domain §5.5): 4, 7 or 10 bytes. Readers print it in many ways
 * ("04:A1:B2:…", "04 a1 b2 …", "04-A1-…"), so it is kept in one form: upper-case hex, no separators.
 * Pure; the device layer (wedge and raw readers) and the core (card binding, kiosk tap) share it.
 */
const UID = /^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$/;

/** The UID in stored form, or null when it is not 4, 7 or 10 bytes of hex. */
export function normalizeUid(text: string): string | null {
  const uid = text.replace(/[\s:-]/g, '').toUpperCase();
  return UID.test(uid) ? uid : null;
}

/** Bytes as upper-case hex, two characters each, in the given order. */
export function toHex(bytes: Uint8Array | readonly number[]): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}
