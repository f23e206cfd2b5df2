import type { z } from 'zod';
import type {
  OfficeArgs,
  OfficeHandlerName,
  OfficeResult,
  OfficeRole,
} from '../../contract/office';
import type { ScryptParams } from '../../protocol/password-hash';
import type { HubContext } from '../context';

/**
 * One back-office handler (issue 15): who may call it, how its input is checked, what it does.
 * The HTTP layer (office/server.ts) signs the caller in, checks the session, the CSRF token and
 * the role, parses the input with `input`, then calls `run`. `run` never sees an unchecked value.
 */
export interface OfficeUser {
  id: string;
  userName: string;
  displayName: string;
  role: OfficeRole;
}

export interface OfficeCall {
  hub: HubContext;
  user: OfficeUser;
  /** The hub's clock as ISO text, fixed for this call. */
  at: string;
  /**
   * Appends to the hub's hash-chained audit (office/audit.ts) as this user. Every handler that
   * changes something calls it, inside the same transaction when one is passed.
   */
  audit(action: string, detail: Record<string, unknown>, trx?: HubContext['db']): Promise<void>;
  /** The caller's session (absent in unit tests that build a call by hand). */
  session?: OfficeCallSession | undefined;
  /** scrypt cost for new passwords (tests make it cheap); DEFAULT_SCRYPT when absent. */
  passwordCost?: ScryptParams | undefined;
}

export interface OfficeCallSession {
  /** sha256 (hex) of the cookie's token: the session's key. */
  tokenHash: string;
  csrfToken: string;
  idleSeconds: number;
}

export interface OfficeHandler<N extends OfficeHandlerName> {
  /** The roles that may call it; office-roles.test.ts calls it with every role. */
  roles: readonly OfficeRole[];
  /** Parses the request body; a failure answers 400 BAD_INPUT and changes nothing. */
  input: z.ZodType<OfficeArgs<N>>;
  /** Reads only (GET-like): still POST, still needs the session, but no audit entry is required. */
  readOnly?: boolean;
  /**
   * Largest request body in bytes (default 1 MiB, OFFICE_MAX_BODY_BYTES); an upload handler (PDF,
   * CSV, request file as base64) may declare more, e.g. 16 MiB. Larger bodies answer 413 unread.
   */
  maxBodyBytes?: number;
  run(call: OfficeCall, input: OfficeArgs<N>): Promise<OfficeResult<N>>;
}

/** The default largest body of a back-office request. */
export const OFFICE_MAX_BODY_BYTES = 1024 * 1024;

export type OfficeHandlerMap<N extends OfficeHandlerName> = { [K in N]: OfficeHandler<K> };

/**
 * A refusal with a reason code (the UI translates it, renderer/src/office/lib/i18n) and the HTTP
 * status to answer with (400 bad input, 403 role, 404 unknown id, 409 state conflict).
 */
export class OfficeError extends Error {
  readonly reason: string;
  readonly status: number;
  constructor(status: number, reason: string, message: string) {
    super(message);
    this.name = 'OfficeError';
    this.reason = reason;
    this.status = status;
  }
}
