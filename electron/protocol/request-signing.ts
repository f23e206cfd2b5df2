import { createHash, randomBytes, type KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './packet/keys';

/**
 * Station requests to the hub are signed with the station's Ed25519 key (docs/sync-protocol.md,
 * "Authentication"): headers x-lm-unit, x-lm-time, x-lm-nonce, x-lm-body-sha256 and
 * x-lm-signature over
 * `lakon-mandira request v2 \n METHOD \n path-with-query \n unit \n time \n nonce \n body-sha256`.
 * The body's hash is declared in a header and covered by the signature, so the hub checks who is
 * asking before it reads a body, and compares the hash while the body streams in. A request is
 * good for MAX_CLOCK_SKEW_MS either side of the hub's clock, and its random nonce only once.
 */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const PREFIX = 'lakon-mandira request v2';
/** What `Date.toISOString()` writes: the hub compares stored times as text. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const NONCE = /^[0-9a-f]{32}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const SIGNATURE_B64 = /^[A-Za-z0-9+/]{86}==$/;
const UNIT_ID = /^[A-Za-z0-9._-]{1,100}$/;

export const SIGNED_HEADERS = {
  unitId: 'x-lm-unit',
  time: 'x-lm-time',
  nonce: 'x-lm-nonce',
  bodySha256: 'x-lm-body-sha256',
  signature: 'x-lm-signature',
} as const;

export interface SignedRequestHeaders {
  unitId: string;
  time: string;
  nonce: string;
  bodySha256: string;
  signature: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function requestDigest(
  method: string,
  path: string,
  headers: Omit<SignedRequestHeaders, 'signature'>,
): Buffer {
  return Buffer.from(
    [
      PREFIX,
      method.toUpperCase(),
      path,
      headers.unitId,
      headers.time,
      headers.nonce,
      headers.bodySha256,
    ].join('\n'),
    'utf8',
  );
}

export function signRequest(
  key: KeyObject,
  unitId: string,
  method: string,
  path: string,
  body: Uint8Array,
  now: Date,
): Record<string, string> {
  const fields = {
    unitId,
    time: now.toISOString(),
    nonce: randomBytes(16).toString('hex'),
    bodySha256: sha256Hex(body),
  };
  return {
    [SIGNED_HEADERS.unitId]: fields.unitId,
    [SIGNED_HEADERS.time]: fields.time,
    [SIGNED_HEADERS.nonce]: fields.nonce,
    [SIGNED_HEADERS.bodySha256]: fields.bodySha256,
    [SIGNED_HEADERS.signature]: signBytes(key, requestDigest(method, path, fields)).toString(
      'base64',
    ),
  };
}

/** The signed headers in their exact shapes, or null when one is missing or malformed. */
export function parseSignedHeaders(
  get: (name: string) => string | null,
): SignedRequestHeaders | null {
  const unitId = get(SIGNED_HEADERS.unitId);
  const time = get(SIGNED_HEADERS.time);
  const nonce = get(SIGNED_HEADERS.nonce);
  const bodySha256 = get(SIGNED_HEADERS.bodySha256);
  const signature = get(SIGNED_HEADERS.signature);
  if (
    !unitId ||
    !UNIT_ID.test(unitId) ||
    !time ||
    !ISO_TIME.test(time) ||
    !Number.isFinite(Date.parse(time)) ||
    !nonce ||
    !NONCE.test(nonce) ||
    !bodySha256 ||
    !SHA256_HEX.test(bodySha256) ||
    !signature ||
    !SIGNATURE_B64.test(signature)
  )
    return null;
  return { unitId, time, nonce, bodySha256, signature };
}

/** How far the request's time is from `now` (positive: the station's clock is ahead). */
export function clockSkewMs(headers: Pick<SignedRequestHeaders, 'time'>, now: Date): number {
  return Date.parse(headers.time) - now.getTime();
}

export function isWithinClockWindow(skewMs: number): boolean {
  return Math.abs(skewMs) <= MAX_CLOCK_SKEW_MS;
}

export function verifyRequestSignature(
  key: KeyObject,
  headers: SignedRequestHeaders,
  method: string,
  path: string,
): boolean {
  return verifyBytes(
    key,
    requestDigest(method, path, headers),
    Buffer.from(headers.signature, 'base64'),
  );
}

/** "7 menit 12 detik" (Bahasa Indonesia): a clock difference as an officer reads it. */
export function describeSkew(skewMs: number): string {
  const total = Math.round(Math.abs(skewMs) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const parts = [
    days ? `${days} hari` : '',
    hours ? `${hours} jam` : '',
    minutes ? `${minutes} menit` : '',
    seconds || total === 0 ? `${seconds} detik` : '',
  ].filter(Boolean);
  return parts.join(' ');
}
