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
