import { createHash, type KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './packet/keys';

/**
 * Station requests to the hub are signed with the station's Ed25519 key (docs/sync-protocol.md,
 * "Authentication"): headers x-lm-unit, x-lm-time and x-lm-signature over
 * `METHOD \n path-with-query \n time \n sha256(body) hex`.
 */
export const MAX_CLOCK_SKEW_MS = 7 * 24 * 3600 * 1000;

export function requestDigest(
  method: string,
  path: string,
  time: string,
  body: Uint8Array,
): Buffer {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return Buffer.from(`${method.toUpperCase()}\n${path}\n${time}\n${bodyHash}`, 'utf8');
}

export function signRequest(
  key: KeyObject,
  unitId: string,
  method: string,
  path: string,
  body: Uint8Array,
  now: Date,
): Record<string, string> {
  const time = now.toISOString();
  return {
    'x-lm-unit': unitId,
    'x-lm-time': time,
    'x-lm-signature': signBytes(key, requestDigest(method, path, time, body)).toString('base64'),
  };
}

export function verifyRequest(
  key: KeyObject,
  headers: { time: string; signature: string },
  method: string,
  path: string,
  body: Uint8Array,
  now: Date,
): 'ok' | 'BAD_SIGNATURE' | 'CLOCK_SKEW' {
  const time = Date.parse(headers.time);
  if (!Number.isFinite(time) || Math.abs(now.getTime() - time) > MAX_CLOCK_SKEW_MS)
    return 'CLOCK_SKEW';
  const isValid = verifyBytes(
    key,
    requestDigest(method, path, headers.time, body),
    Buffer.from(headers.signature, 'base64'),
  );
  return isValid ? 'ok' : 'BAD_SIGNATURE';
}
