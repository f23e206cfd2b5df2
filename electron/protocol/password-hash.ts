import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The one secret-hash format of the project: station PINs and passwords (electron/core/auth) and
 * the district back-office's passwords (electron/hub/office) are stored as
 * `scrypt$N$r$p$salt$hash`. It lives in protocol/ because both ends share the format and the hub
 * may not import the station's core (docs/decisions.md, "Back-office accounts").
 */

/** scrypt cost: N (CPU/memory, a power of two), r (block size), p (parallelism). */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * N=2^15, r=8, p=1: 32 MiB and about 100 ms per verify on the 2-core build machine (120 to 200 ms
 * while other test runs share it; 2^14 took about 50 ms, 2^16 about 270 ms). Each guess costs,
 * and a login on an old village laptop does not feel stuck. Tests inject N=2^10
 * (StationConfig.scrypt, the back-office's passwordCost).
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters that would take seconds or gigabytes (a damaged or planted row). */
const MAX_N = 2 ** 20;

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashSecret(
  secret: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, params, KEY_BYTES);
  const { N, r, p } = params;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * True when `secret` matches `stored`. Uses the parameters written in `stored`, so hashes made
 * with an older cost still verify. A malformed `stored` is simply no match.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(secret, parsed.salt, parsed.params, parsed.hash.length);
  return timingSafeEqual(key, parsed.hash);
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9]\d{0,7}$/.test(part) ? +part : NaN));
  if (!N || !r || !p || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { params: { N, r, p }, salt, hash };
}

function derive(
  secret: string,
  salt: Buffer,
  params: ScryptParams,
  length: number,
): Promise<Buffer> {
  const { N, r, p } = params;
  // Node's default maxmem (32 MiB) is just below what N=2^15, r=8 needs (128·N·r plus a little).
  const maxmem = 256 * N * r * p;
  // The asynchronous form runs in the thread pool: a login never freezes other requests.
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, length, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
