import type {
  OfficeArgs,
  OfficeHandlerName,
  OfficeProblem,
  OfficeResult,
} from '../../../../electron/contract/office';

/**
 * The back-office's one way to the hub: `POST /office/api/<handler>` with a JSON body, the
 * session cookie (HttpOnly, sent by the browser) and the CSRF token in `x-lm-csrf`. A refusal
 * throws an OfficeApiError carrying the hub's reason code (translated by lib/reasons.ts).
 */
export class OfficeApiError extends Error {
  readonly reason: string;
  readonly status: number;
  /** The whole refusal as the hub sent it: a reason may carry more (e.g. when a lock ends). */
  readonly detail: Readonly<Record<string, unknown>>;
  /** From a 429's Retry-After header: how long to wait before trying again. */
  readonly retryAfterSeconds: number | null;
  constructor(status: number, problem: OfficeProblem, retryAfterSeconds: number | null = null) {
    super(problem.message);
    this.name = 'OfficeApiError';
    this.reason = problem.reason;
    this.status = status;
    this.detail = { ...problem };
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The reason of a call that never got an answer (hub down, network cut). */
export const NETWORK_REASON = 'NETWORK';

let csrfToken = '';
/** When the last call was sent (ms since the epoch): the hub's idle clock restarts on each. */
let lastCallAt = 0;
const listeners = new Set<(problem: OfficeApiError) => void>();

/** Set from the session the hub answers at sign-in (and at page load when still signed in). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** When the page last asked the hub anything (0: never). */
export function lastCallTime(): number {
  return lastCallAt;
}

/** Called on every 401 (signed out: idle, lockout, expired); the shell shows the login again. */
export function onSignedOut(listener: (problem: OfficeApiError) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function call<N extends OfficeHandlerName>(
  name: N,
  args: OfficeArgs<N>,
): Promise<OfficeResult<N>> {
  let response: Response;
  lastCallAt = Date.now();
  try {
    response = await fetch(`/office/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lm-csrf': csrfToken },
      body: JSON.stringify(args ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    throw new OfficeApiError(0, { reason: NETWORK_REASON, message: String(error) });
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  if (!response.ok) {
    const problem =
      body && typeof body === 'object' && 'reason' in body
        ? (body as OfficeProblem)
        : { reason: `HTTP_${response.status}`, message: text.slice(0, 200) };
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    const error = new OfficeApiError(
      response.status,
      problem,
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
    if (response.status === 401) for (const listener of listeners) listener(error);
    throw error;
  }
  return body as OfficeResult<N>;
}
