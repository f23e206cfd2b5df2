/** Kiosk idle: seconds without touch, pointer, key or wheel activity before the countdown. */
export const IDLE_SECONDS = 60;
/** The ticket screen is read at a glance; the next citizen should not see someone's number long. */
export const TICKET_IDLE_SECONDS = 20;
/** The "are you still there?" countdown before everything is cleared. */
export const COUNTDOWN_SECONDS = 15;
/** Further silence on a clean home screen before the attract screen. */
export const ATTRACT_SECONDS = 60;

/** Officer shell: minutes of silence before the lock warning, and the warning's seconds. */
export const OFFICER_IDLE_SECONDS = 5 * 60;
export const OFFICER_COUNTDOWN_SECONDS = 30;

export interface IdleTimeouts {
  /** Officer shell: silence before the lock warning, and the warning before the lock. */
  officerMs: number;
  officerCountdownMs: number;
  screenMs: number;
  ticketMs: number;
  countdownMs: number;
  attractMs: number;
}

/**
 * `?idle=<seconds>` shortens every timeout for tests and training demos (the countdown to at
 * most that many seconds). Honoured only on a training station, so a production kiosk cannot be
 * made to keep a citizen's data on screen; it can only shorten, never lengthen or switch off.
 */
export function idleTimeouts(search: string, isTraining: boolean): IdleTimeouts {
  const fallback = {
    officerMs: OFFICER_IDLE_SECONDS * 1000,
    officerCountdownMs: OFFICER_COUNTDOWN_SECONDS * 1000,
    screenMs: IDLE_SECONDS * 1000,
    ticketMs: TICKET_IDLE_SECONDS * 1000,
    countdownMs: COUNTDOWN_SECONDS * 1000,
    attractMs: ATTRACT_SECONDS * 1000,
  };
  if (!isTraining) return fallback;
  const raw = new URLSearchParams(search).get('idle');
  const seconds = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > IDLE_SECONDS) return fallback;
  const ms = seconds * 1000;
  return {
    officerMs: ms,
    officerCountdownMs: Math.min(ms, fallback.officerCountdownMs),
    screenMs: ms,
    ticketMs: ms,
    countdownMs: Math.min(ms, fallback.countdownMs),
    attractMs: ms,
  };
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
