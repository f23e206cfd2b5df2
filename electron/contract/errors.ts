/**
 * Stable error codes. The renderer translates them; messages are for logs and developers.
 * Transport-level codes come first, then domain codes.
 */
export const ERROR_CODES = [
  'UNKNOWN_HANDLER',
  'INVALID_ARGS',
  'FORBIDDEN',
  'BAD_ENVELOPE',
  'INTERNAL',
  'DISCONNECTED',
  'NOT_FOUND',
  'CONFLICT',
  'NOT_TRAINING',
  /** Only warnings can be overridden by an officer; errors never. */
  'NOT_OVERRIDABLE',
  /** Too many calls from this connection or address; `retryAfterMs` says when to try again. */
  'RATE_LIMITED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Field paths that failed validation, when the code is INVALID_ARGS. */
  fields?: string[];
  /**
   * A stable, finer reason within the code (e.g. INVALID_NIK, PHOTO_TOO_LARGE, BAD_CHECK) that the
   * UI can translate more precisely; see docs/kiosk-applications.md for the list.
   */
  reason?: string;
  /** With RATE_LIMITED: milliseconds until the same call may succeed. */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  code: ErrorCode,
  message: string,
  fields?: string[],
): { ok: false; error: AppError } {
  return fields
    ? { ok: false, error: { code, message, fields } }
    : { ok: false, error: { code, message } };
}

/** A refused call (RATE_LIMITED) with its finer reason and the wait before trying again. */
export function rateLimited(
  reason: string,
  retryAfterMs: number,
  message: string,
): { ok: false; error: AppError } {
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  return { ok: false, error: { code: 'RATE_LIMITED', message, reason, retryAfterMs: wait } };
}

/** A failure with a finer `reason` (and the field paths it concerns). */
export function failWith(
  code: ErrorCode,
  reason: string,
  message: string,
  fields?: string[],
): { ok: false; error: AppError } {
  return { ok: false, error: { ...fail(code, message, fields).error, reason } };
}
