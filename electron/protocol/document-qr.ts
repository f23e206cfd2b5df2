import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { IssuedDocument } from './documents';
import { publicKeyFromRaw, signBytes, verifyBytes } from './packet/keys';

/**
 * The verification QR printed on an issued document (docs/sync-protocol.md, "Verification QR"):
 * `LMV1.<base64url(body)>.<base64url(Ed25519 signature of body)>`, where body is the canonical
 * JSON of { n: document number, k: kind, u: unit, t: issued at, h: first 32 hex digits of the
 * sha-256 of the canonical JSON of the printed data }. Short enough for a 25 mm code; verifiable
 * offline with the district's public key.
 */
export const QR_PREFIX = 'LMV1';

export interface QrBody {
  n: string;
  k: string;
  u: string;
  t: string;
  h: string;
}

export function dataHash(data: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex').slice(0, 32);
}

const b64url = (bytes: Buffer) => bytes.toString('base64url');

export function makeQrPayload(
  districtKey: KeyObject,
  document: Omit<IssuedDocument, 'signature'>,
): string {
  const body: QrBody = {
    n: document.documentNumber,
    k: document.kind,
    u: document.unitId,
    t: document.issuedAt,
    h: dataHash(document.data),
  };
  const bytes = Buffer.from(canonicalJson(body), 'utf8');
  return `${QR_PREFIX}.${b64url(bytes)}.${b64url(signBytes(districtKey, bytes))}`;
}

export type QrVerdict =
  | { status: 'valid'; body: QrBody }
  | { status: 'revoked'; body: QrBody; reason: string; revokedAt: string }
  | { status: 'invalid'; problem: 'NOT_OURS' | 'MALFORMED' | 'BAD_SIGNATURE' };

/** Checks a scanned QR text against the district's signing key and the revocation list. */
export function verifyQrPayload(
  districtSigningKey: Uint8Array,
  text: string,
  revocation: (documentNumber: string) => { reason: string; revokedAt: string } | null,
): QrVerdict {
  const parts = text.trim().split('.');
  if (parts[0] !== QR_PREFIX) return { status: 'invalid', problem: 'NOT_OURS' };
  if (parts.length !== 3 || !parts[1] || !parts[2])
    return { status: 'invalid', problem: 'MALFORMED' };
  const bytes = Buffer.from(parts[1], 'base64url');
  const signature = Buffer.from(parts[2], 'base64url');
  if (!verifyBytes(publicKeyFromRaw('ed25519', districtSigningKey), bytes, signature))
    return { status: 'invalid', problem: 'BAD_SIGNATURE' };
  let body: QrBody;
  try {
    body = JSON.parse(bytes.toString('utf8')) as QrBody;
  } catch {
    return { status: 'invalid', problem: 'MALFORMED' };
  }
  if (typeof body.n !== 'string' || typeof body.k !== 'string' || typeof body.t !== 'string')
    return { status: 'invalid', problem: 'MALFORMED' };
  const revoked = revocation(body.n);
  if (revoked) return { status: 'revoked', body, ...revoked };
  return { status: 'valid', body };
}
