/**
 * Keyboard-wedge scanners and readers "type" what they read, far faster than a person, and end
 * with Enter. On a kiosk with no physical keyboard every such burst is a scan; this tells a burst
 * from a person pressing keys (a person types a character every 100 ms or more).
 */
export const WEDGE_MAX_GAP_MS = 50;
export const WEDGE_MIN_LENGTH = 8;

export interface WedgeState {
  text: string;
  lastAt: number;
}

export const EMPTY_WEDGE: WedgeState = { text: '', lastAt: -Infinity };

/**
 * One key of the stream: the state for the next key and, on an Enter that closes a fast burst
 * long enough to be a code, the scanned text.
 */
export function wedgeKey(
  state: WedgeState,
  key: string,
  at: number,
): { state: WedgeState; scanned: string | null } {
  const isBurst = at - state.lastAt <= WEDGE_MAX_GAP_MS;
  if (key === 'Enter') {
    const scanned = isBurst && state.text.length >= WEDGE_MIN_LENGTH ? state.text : null;
    return { state: EMPTY_WEDGE, scanned };
  }
  if (key.length !== 1) return { state, scanned: null };
  const text = isBurst ? state.text + key : key;
  return { state: { text, lastAt: at }, scanned: null };
}

/** Listens to `target`'s keys and calls `onScan` for every wedge burst; returns a stop. */
export function listenForWedge(target: Window, onScan: (text: string) => void): () => void {
  let state = EMPTY_WEDGE;
  const onKey = (event: KeyboardEvent): void => {
    const step = wedgeKey(state, event.key, event.timeStamp);
    state = step.state;
    if (step.scanned !== null) onScan(step.scanned);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
