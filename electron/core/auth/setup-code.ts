import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The one-time first-run setup code (issue 13 finding 1.2; docs/accounts.md, "First run"). A real
 * station without accounts makes one at start; the hosts show it only where the machine's own
 * operator sees it (the station server's console, the Electron main process's dialog), never
 * through a handler. `auth-setup` needs it, from a local source, once.
 */

/** No 0/O, 1/I/L: read off a screen and typed on a touch keyboard without doubt. */
export const SETUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^10 ≈ 8·10^14 codes; with five tries per code a guess is hopeless. */
export const SETUP_CODE_LENGTH = 10;
/** Wrong codes before the code is replaced by a new one (announced again by the hosts). */
export const MAX_SETUP_CODE_ATTEMPTS = 5;

export function newSetupCode(pick: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i++)
    code += SETUP_CODE_ALPHABET[pick(SETUP_CODE_ALPHABET.length)];
  return code;
}

/** What a person types: any case, spaces and dashes ignored. */
export function normalizeSetupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '');
}

/** `ABCDE-FGHJK`, as the hosts show it. */
export function formatSetupCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

export type RedeemOutcome = 'ok' | 'wrong' | 'renewed' | 'none';

/** The current code, its wrong tries, and who is told about a new one. */
export class SetupCodes {
  #code: string | null = null;
  #wrong = 0;
  readonly #listeners = new Set<(code: string) => void>();
  readonly #pick: (max: number) => number;

  constructor(pick: (max: number) => number = randomInt) {
    this.#pick = pick;
  }

  /** Makes a new code (the old one stops working) and tells every listener. */
  issue(): string {
    const code = newSetupCode(this.#pick);
    this.#code = code;
    this.#wrong = 0;
    for (const listener of this.#listeners) listener(code);
    return code;
  }

  current(): string | null {
    return this.#code;
  }

  /** Called with every new code; returns the unsubscribe. */
  onIssued(listener: (code: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Checks a typed code in constant time. `ok` uses the code up (single use); `wrong` counts
   * a try, and the last allowed wrong try replaces the code (`renewed`); `none` when there is
   * no code (used, or the station has an administrator).
   */
  redeem(typed: string): RedeemOutcome {
    const code = this.#code;
    if (code === null) return 'none';
    if (sameCode(normalizeSetupCode(typed), code)) {
      this.#code = null;
      return 'ok';
    }
    this.#wrong++;
    if (this.#wrong < MAX_SETUP_CODE_ATTEMPTS) return 'wrong';
    this.issue();
    return 'renewed';
  }

  /** No more code (an administrator exists). */
  clear(): void {
    this.#code = null;
    this.#wrong = 0;
  }
}

/** Compares digests, so neither the length nor the first differing character shows in the time. */
function sameCode(typed: string, code: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(typed), digest(code));
}
