/** KTP-el chip UIDs: one stored form, shared with the device layer (electron/devices/uid.ts). */
export { normalizeUid } from '../../devices/uid';

/**
 * A 4-byte UID starting with 08 is a random ID (ISO/IEC 14443-3): the chip shows a new one at
 * every tap, so binding it would store a number nobody sees again, and one day someone else's
 * card might show it.
 */
export function isRandomUid(uid: string): boolean {
  return uid.length === 8 && uid.startsWith('08');
}
