/** Kiosk idle reset: seconds without touch, pointer or key activity before returning home. */
export const IDLE_SECONDS = 60;
/** The ticket screen is read at a glance; the next citizen should not see someone's number long. */
export const TICKET_IDLE_SECONDS = 20;

export interface IdleTimeouts {
  screenMs: number;
  ticketMs: number;
}

/**
 * `?idle=<seconds>` shortens both timeouts for tests and training demos. Honoured only on a
 * training station, so a production kiosk cannot be made to keep a citizen's data on screen.
 */
export function idleTimeouts(search: string, isTraining: boolean): IdleTimeouts {
  const fallback = { screenMs: IDLE_SECONDS * 1000, ticketMs: TICKET_IDLE_SECONDS * 1000 };
  if (!isTraining) return fallback;
  const raw = new URLSearchParams(search).get('idle');
  const seconds = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) return fallback;
  return { screenMs: seconds * 1000, ticketMs: seconds * 1000 };
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel'] as const;

/** Calls onIdle once after `ms` without activity on the window; returns a cleanup. */
export function watchIdle(ms: number, onIdle: () => void): () => void {
  let timer = setTimeout(onIdle, ms);
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, ms);
  };
  for (const name of ACTIVITY_EVENTS) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  }
  return () => {
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) {
      window.removeEventListener(name, restart, { capture: true });
    }
  };
}
