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

/** A failure with a finer `reason` (and the field paths it concerns). */
export function failWith(
  code: ErrorCode,
  reason: string,
  message: string,
  fields?: string[],
): { ok: false; error: AppError } {
  return { ok: false, error: { ...fail(code, message, fields).error, reason } };
}
