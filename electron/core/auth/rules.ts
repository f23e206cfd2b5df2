import { z } from 'zod';
import { failWith } from '../../contract';

/** Lowercase so `Sri` and `sri` are one account; what officers type on the on-screen keyboard. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/);

export const displayNameSchema = z.string().trim().min(1).max(60);

/** A PIN (digits) or a password: 6 to 64 characters, never trimmed. */
export const pinSchema = z.string().min(6).max(64);

/**
 * True for a PIN anyone would try first: one character repeated (`000000`), a run up or down
 * (`123456`, `654321`, `890123`, `abcdef`), or a short block repeated (`121212`, `123123`).
 */
export function isWeakPin(pin: string): boolean {
  const codes = [...pin].map((c) => c.codePointAt(0) ?? 0);
  // Digits count round the dial too: 890123 is as easy as 123456.
  const isDigits = /^\d+$/.test(pin);
  const steps = codes.slice(1).map((code, i) => {
    const step = code - (codes[i] ?? 0);
    return isDigits ? ((step + 15) % 10) - 5 : step;
  });
  if (steps.every((step) => step === 1) || steps.every((step) => step === -1)) return true;
  for (let period = 1; period <= 3 && 2 * period <= codes.length; period++) {
    if (codes.every((code, i) => i < period || code === codes[i - period])) return true;
  }
  return false;
}

export const WEAK_PIN = failWith(
  'INVALID_ARGS',
  'WEAK_PIN',
  'PIN is one repeated character, a run like 123456 or a repeated block',
  ['pin'],
);
