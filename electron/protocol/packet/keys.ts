import {
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

/**
 * Raw 32-byte keys and the two key types of the packet format (docs/sync-packets.md):
 * Ed25519 for signatures, X25519 for the key agreement. Private keys travel as 32-byte seeds
 * (what a KeyStore holds); public keys as 32 raw bytes (what enrolment files carry, base64).
 */

// RFC 8410 PKCS#8 / SPKI prefixes: the DER encodings are fixed apart from the 32 key bytes.
const PKCS8_PREFIX = {
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
} as const;
const SPKI_PREFIX = {
  ed25519: Buffer.from('302a300506032b6570032100', 'hex'),
  x25519: Buffer.from('302a300506032b656e032100', 'hex'),
} as const;

export type KeyKind = keyof typeof PKCS8_PREFIX;

export function privateKeyFromSeed(kind: KeyKind, seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new Error(`A ${kind} private key is 32 bytes, got ${seed.length}`);
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX[kind], seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function publicKeyFromRaw(kind: KeyKind, raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error(`A ${kind} public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX[kind], raw]),
    format: 'der',
    type: 'spki',
  });
}

/** The 32 raw bytes of a public key (or of the public half of a private key). */
export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const der = pub.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - 32));
}

/** A short, stable name of a public key: the first 16 hex digits of its sha-256. */
export function keyId(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The 32 raw public bytes. */
  publicRaw: Buffer;
}

export function keyPairFromSeed(kind: KeyKind, seed: Uint8Array): KeyPair {
  const privateKey = privateKeyFromSeed(kind, seed);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicRaw: rawPublicKey(publicKey) };
}

/** A fresh X25519 pair for one packet (its ephemeral key). */
export function ephemeralX25519(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey, publicRaw: rawPublicKey(publicKey) };
}

export const HKDF_INFO = 'lakon-mandira packet v1 aes-256-gcm';

/** X25519 shared secret → HKDF-SHA256(salt, info) → the packet's 32-byte AES key. */
export function packetKey(privateKey: KeyObject, publicKey: KeyObject, salt: Uint8Array): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  return Buffer.from(hkdfSync('sha256', shared, salt, HKDF_INFO, 32));
}

export function signBytes(privateKey: KeyObject, data: Uint8Array): Buffer {
  return sign(null, data, privateKey);
}

export function verifyBytes(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    return verify(null, data, publicKey, signature);
  } catch {
    return false;
  }
}
