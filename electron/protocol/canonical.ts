import type { KeyObject } from 'node:crypto';
import { signBytes, verifyBytes } from './packet/keys';

/**
 * Canonical JSON for signed documents (enrolment files, receipts, updates): object keys sorted
 * at every depth, no whitespace. Both ends serialise the body this way before signing/verifying,
 * so field order in a file never matters.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== undefined) out[key] = sortKeys(inner);
  }
  return out;
}

/** A body plus the base64 Ed25519 signature of its canonical JSON. */
export type Signed<T> = T & { signature: string };

export function signDocument<T extends object>(privateKey: KeyObject, body: T): Signed<T> {
  const signature = signBytes(privateKey, Buffer.from(canonicalJson(body), 'utf8'));
  return { ...body, signature: signature.toString('base64') };
}

/** The body without its signature when the signature verifies with `publicKey`, else null. */
export function verifyDocument<T extends object>(
  publicKey: KeyObject,
  document: Signed<T>,
): T | null {
  const { signature, ...body } = document;
  if (typeof signature !== 'string') return null;
  const isValid = verifyBytes(
    publicKey,
    Buffer.from(canonicalJson(body), 'utf8'),
    Buffer.from(signature, 'base64'),
  );
  return isValid ? (body as T) : null;
}
