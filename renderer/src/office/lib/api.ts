import type {
  OfficeArgs,
  OfficeHandlerName,
  OfficeProblem,
  OfficeResult,
} from '../../../../electron/contract/office';

/**
 * The back-office's one way to the hub: `POST /office/api/<handler>` with a JSON body, the
 * session cookie (HttpOnly, sent by the browser) and the CSRF token in `x-lm-csrf`. A refusal
 * throws an OfficeApiError carrying the hub's reason code (translated by lib/i18n).
 */
export class OfficeApiError extends Error {
  readonly reason: string;
  readonly status: number;
  constructor(status: number, problem: OfficeProblem) {
    super(problem.message);
    this.name = 'OfficeApiError';
    this.reason = problem.reason;
    this.status = status;
  }
}

let csrfToken = '';
const listeners = new Set<(problem: OfficeApiError) => void>();

/** Set from the session the hub answers at sign-in (and at page load when still signed in). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
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
  const response = await fetch(`/office/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lm-csrf': csrfToken },
    body: JSON.stringify(args ?? {}),
    credentials: 'same-origin',
    cache: 'no-store',
  });
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
    const error = new OfficeApiError(response.status, problem);
    if (response.status === 401) for (const listener of listeners) listener(error);
    throw error;
  }
  return body as OfficeResult<N>;
}
