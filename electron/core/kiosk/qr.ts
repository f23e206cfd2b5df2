import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The status link printed on receipts (docs/receipts.md):
 *
 *   LAKONMANDIRA:STATUS/<application number>/<check>
 *
 * Upper case only, so the whole link fits QR alphanumeric mode (a smaller, coarser code that
 * survives a worn thermal head) and survives a keyboard-wedge scanner with Caps Lock on: parsing
 * is case-insensitive. The check is 8 Crockford base32 characters (40 bits) of
 * HMAC-SHA256(unit key, domain tag + number), so a mistyped number or a forged code is refused
 * offline, without a lookup.
 */
export const STATUS_LINK_PREFIX = 'LAKONMANDIRA:STATUS/';

const CHECK_LENGTH = 8;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK = /^[0-9A-Z]{8}$/;
const HMAC_TAG = 'lakonmandira/status-check/v1\u0000';
/** Application numbers as the unit issues them, e.g. OKI-KJU01-20261129-0001. */
const NUMBER = /^[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/;

export interface StatusLink {
  number: string;
  check: string;
}

export type StatusLinkResult =
  | { ok: true; value: StatusLink }
  | { ok: false; error: 'NOT_A_STATUS_LINK' | 'BAD_NUMBER' | 'BAD_CHECK' };

export function isApplicationNumber(text: string): boolean {
  return NUMBER.test(text);
}

/** The 8-character check value for an application number. */
export function statusCheckFor(number: string, key: Uint8Array): string {
  if (!isApplicationNumber(number)) throw new Error(`Not an application number: ${number}`);
  if (key.length < 16) throw new Error('Status-check key is shorter than 16 bytes');
  const mac = createHmac('sha256', key)
    .update(HMAC_TAG + number, 'utf8')
    .digest();
  // 40 bits = the first 5 bytes, read as 8 groups of 5 bits.
  let bits = 0n;
  for (const byte of mac.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = CHECK_LENGTH - 1; i >= 0; i--)
    out += CROCKFORD[Number((bits >> BigInt(i * 5)) & 31n)];
  return out;
}

export function statusLinkFor(number: string, key: Uint8Array): string {
  return `${STATUS_LINK_PREFIX}${number}/${statusCheckFor(number, key)}`;
}

/** The check as printed for people: two groups of four, `ABCD-EFGH`. */
export function formatCheck(check: string): string {
  return `${check.slice(0, 4)}-${check.slice(4)}`;
}

/**
 * Reads a check as a person typed it: case, spaces and hyphens ignored, and the Crockford
 * look-alikes O→0, I/L→1 accepted.
 */
export function normalizeCheck(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** True when `check` (scanned or typed) belongs to `number` under `key`. */
export function verifyStatusCheck(number: string, check: string, key: Uint8Array): boolean {
  const wanted = normalizeCheck(check);
  if (!isApplicationNumber(number) || !CHECK.test(wanted)) return false;
  const expected = Buffer.from(statusCheckFor(number, key));
  return timingSafeEqual(expected, Buffer.from(wanted));
}

/** Parses scanned text; refuses anything that is not a link this key made. */
export function parseStatusLink(text: string, key: Uint8Array): StatusLinkResult {
  const upper = text.trim().toUpperCase();
  if (!upper.startsWith(STATUS_LINK_PREFIX)) return { ok: false, error: 'NOT_A_STATUS_LINK' };
  const parts = upper.slice(STATUS_LINK_PREFIX.length).split('/');
  if (parts.length !== 2) return { ok: false, error: 'NOT_A_STATUS_LINK' };
  const [number = '', check = ''] = parts;
  if (!isApplicationNumber(number)) return { ok: false, error: 'BAD_NUMBER' };
  if (!CHECK.test(check) || !verifyStatusCheck(number, check, key)) {
    return { ok: false, error: 'BAD_CHECK' };
  }
  return { ok: true, value: { number, check: normalizeCheck(check) } };
}
