import {
  createCipheriv,
  createDecipheriv,
  diffieHellman,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { ephemeralX25519, keyPairFromSeed, publicKeyFromRaw } from './packet/keys';

/**
 * A sealed box for small documents sent to one station (the hub's updates bundle, over HTTP or on
 * a USB drive): a fresh X25519 key per box, HKDF-SHA256 to an AES-256-GCM key, and a context
 * string bound in as AAD (what the box is, and for which unit) so a box cannot be replayed as
 * something else. Only the holder of the station's X25519 seed can open it; the hub's Ed25519
 * signature over the plaintext is checked after opening, as before.
 */
export interface SealedBox {
  v: 1;
  /** base64 of the ephemeral X25519 public key (32 bytes). */
  epk: string;
  /** base64 of the 12-byte GCM nonce. */
  iv: string;
  /** base64 of ciphertext followed by the 16-byte tag. */
  ct: string;
}

const INFO = 'lakon-mandira sealed v1 aes-256-gcm';

function boxKey(shared: Buffer, epk: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, recipient]), INFO, 32));
}

export function sealTo(
  recipientX25519: Uint8Array,
  plaintext: Uint8Array,
  context: string,
): SealedBox {
  const recipient = Buffer.from(recipientX25519);
  const ephemeral = ephemeralX25519();
  const shared = diffieHellman({
    privateKey: ephemeral.privateKey,
    publicKey: publicKeyFromRaw('x25519', recipient),
  });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(shared, ephemeral.publicRaw, recipient), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return {
    v: 1,
    epk: ephemeral.publicRaw.toString('base64'),
    iv: iv.toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function isSealedBox(value: unknown): value is SealedBox {
  if (typeof value !== 'object' || value === null) return false;
  const box = value as Record<string, unknown>;
  return (
    box['v'] === 1 &&
    typeof box['epk'] === 'string' &&
    typeof box['iv'] === 'string' &&
    typeof box['ct'] === 'string' &&
    Object.keys(box).length === 4
  );
}

/** Opens a box with the recipient's X25519 seed; null when it is not for this key or context. */
export function openSealed(
  recipientSeed: Uint8Array,
  box: SealedBox,
  context: string,
): Buffer | null {
  try {
    const { privateKey, publicRaw: recipient } = keyPairFromSeed('x25519', recipientSeed);
    const epk = Buffer.from(box.epk, 'base64');
    const iv = Buffer.from(box.iv, 'base64');
    const data = Buffer.from(box.ct, 'base64');
    if (epk.length !== 32 || iv.length !== 12 || data.length < 16) return null;
    const shared = diffieHellman({ privateKey, publicKey: publicKeyFromRaw('x25519', epk) });
    const decipher = createDecipheriv('aes-256-gcm', boxKey(shared, epk, recipient), iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}
