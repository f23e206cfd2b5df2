/** The longest idle warning: a minute is enough to notice and answer. */
const MAX_WARNING_MS = 60_000;

export interface IdleTimes {
  /** Silence before the warning shows. */
  quietMs: number;
  /** The warning's countdown; quiet + warning = the hub's idle limit. */
  warningMs: number;
  /** Activity this long after the last call asks the hub again, restarting its idle clock. */
  keepAliveMs: number;
}

/**
 * The back-office's idle times from the hub's limit (OfficeSessionInfo.idleSeconds): the warning
 * takes the last quarter of it, at most a minute, so the page signs out no later than the hub.
 */
export function idleTimes(idleSeconds: number): IdleTimes {
  const limitMs = Math.max(4, idleSeconds) * 1000;
  const warningMs = Math.min(MAX_WARNING_MS, Math.floor(limitMs / 4));
  return { quietMs: limitMs - warningMs, warningMs, keepAliveMs: Math.floor(limitMs / 2) };
}
