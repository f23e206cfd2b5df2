import { randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { signDocument, verifyDocument } from './canonical';
import { UUID } from './packet/format';
import { publicKeyFromRaw } from './packet/keys';

/**
 * The station's cursor file on a USB drive (docs/sync-protocol.md, "USB"): where the district's
 * updates should start, signed by the station's key with the time it was written and a random
 * nonce. It is how a station proves itself on a drive that carries no packet: unit ids are not
 * secret, so the hub writes updates only into the folder of a station that signed something
 * there (a packet or this file), and only sealed to that station's key.
 */
export const USB_CURSOR = 'lakon-mandira-usb-cursor';
/** A cursor older than this proves nothing (the drive left the station too long ago). */
export const MAX_CURSOR_AGE_MS = 14 * 24 * 60 * 60 * 1000;
/** Station clocks drift; a cursor dated this far after the hub's clock is still taken. */
export const MAX_CURSOR_AHEAD_MS = 24 * 60 * 60 * 1000;
/** Largest cursor file read from a drive. */
export const MAX_CURSOR_BYTES = 4096;

export const usbCursorSchema = z.strictObject({
  format: z.literal(USB_CURSOR),
  version: z.literal(1),
  unitId: z.string().regex(UUID),
  after: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  nonce: z.string().regex(/^[0-9a-f]{32}$/),
  writtenAt: z.string().datetime(),
  signature: z.string().min(1).max(200),
});
export type UsbCursor = z.infer<typeof usbCursorSchema>;

export function signUsbCursor(
  signingKey: KeyObject,
  unitId: string,
  after: number,
  at: Date,
): UsbCursor {
  return signDocument(signingKey, {
    format: USB_CURSOR,
    version: 1 as const,
    unitId,
    after,
    nonce: randomBytes(16).toString('hex'),
    writtenAt: at.toISOString(),
  });
}

export type CursorCheck =
  | { ok: true; cursor: UsbCursor }
  | { ok: false; reason: 'BAD_CURSOR' | 'CURSOR_NOT_SIGNED' | 'CURSOR_STALE' };

/**
 * Checks a cursor file's content for one unit: shape, the station's signature, and a time inside
 * [now - 14 days, now + 1 day]. Whether it is newer than the last one seen is the hub's check.
 */
export function checkUsbCursor(
  value: unknown,
  unitId: string,
  stationSigningKey: Uint8Array,
  now: Date,
): CursorCheck {
  const parsed = usbCursorSchema.safeParse(value);
  if (!parsed.success || parsed.data.unitId !== unitId) return { ok: false, reason: 'BAD_CURSOR' };
  if (!verifyDocument(publicKeyFromRaw('ed25519', stationSigningKey), parsed.data))
    return { ok: false, reason: 'CURSOR_NOT_SIGNED' };
  const age = now.getTime() - Date.parse(parsed.data.writtenAt);
  if (!(age <= MAX_CURSOR_AGE_MS && age >= -MAX_CURSOR_AHEAD_MS))
    return { ok: false, reason: 'CURSOR_STALE' };
  return { ok: true, cursor: parsed.data };
}
