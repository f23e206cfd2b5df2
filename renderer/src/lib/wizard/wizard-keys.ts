/** What a key press does in the desk wizard (physical keyboard); null = leave it to the page. */
export type WizardKeyAction = 'next' | 'back' | 'close-camera' | null;

export interface KeyPress {
  key: string;
  isRepeat: boolean;
  isComposing: boolean;
  hasModifier: boolean;
  /** Another handler (the service search's Enter that started this wizard) already took it. */
  isHandled: boolean;
  /** Tag of the focused element (BODY when nothing has the focus). */
  targetTag: string;
}

/** Elements whose own Enter must win: a focused button is pressed, a list opens, text wraps. */
const OWN_ENTER = new Set(['BUTTON', 'A', 'SELECT', 'TEXTAREA', 'SUMMARY']);

/**
 * Enter = Lanjut (Kirim on the review), Escape = Kembali, or closes the camera. A held-down key
 * repeats nothing, so an Enter held too long cannot skip questions or submit.
 */
export function deskKeyAction(
  press: KeyPress,
  state: { isShooting: boolean; isBlocked: boolean },
): WizardKeyAction {
  if (state.isBlocked || press.isHandled || press.isComposing || press.hasModifier) return null;
  if (press.key === 'Escape') return state.isShooting ? 'close-camera' : 'back';
  if (press.key !== 'Enter' || press.isRepeat || state.isShooting) return null;
  return OWN_ENTER.has(press.targetTag) ? null : 'next';
}

export function keyPress(event: KeyboardEvent): KeyPress {
  const target = event.target instanceof Element ? event.target : null;
  return {
    key: event.key,
    isRepeat: event.repeat,
    isComposing: event.isComposing,
    hasModifier: event.ctrlKey || event.altKey || event.metaKey || event.shiftKey,
    isHandled: event.defaultPrevented,
    targetTag: target?.tagName ?? 'BODY',
  };
}
