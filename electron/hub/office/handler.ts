import type { z } from 'zod';
import type {
  OfficeArgs,
  OfficeHandlerName,
  OfficeResult,
  OfficeRole,
} from '../../contract/office';
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
}

export interface OfficeHandler<N extends OfficeHandlerName> {
  /** The roles that may call it; office-roles.test.ts calls it with every role. */
  roles: readonly OfficeRole[];
  /** Parses the request body; a failure answers 400 BAD_INPUT and changes nothing. */
  input: z.ZodType<OfficeArgs<N>>;
  /** Reads only (GET-like): still POST, still needs the session, but no audit entry is required. */
  readOnly?: boolean;
  run(call: OfficeCall, input: OfficeArgs<N>): Promise<OfficeResult<N>>;
}

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
