import type { ErrorCode } from '../../../../electron/contract';
import { en } from './en';
import { id, type Dictionary, type MessageKey } from './id';

export type Lang = 'id' | 'en';
export type { MessageKey };

const DICTIONARIES: Record<Lang, Dictionary> = { id, en };
const OFFICER_LANG_KEY = 'lm.officer.lang';

/** The current language. Reading `lang` (directly or through t()) makes a template reactive. */
class I18n {
  lang = $state<Lang>('id');

  /** Kiosk: never persisted, so the next citizen starts in Indonesian. */
  set(lang: Lang): void {
    this.lang = lang;
    document.documentElement.lang = lang;
  }

  /** Officer: the choice survives reloads on this station. */
  setPersistent(lang: Lang): void {
    this.set(lang);
    try {
      localStorage.setItem(OFFICER_LANG_KEY, lang);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session only.
    }
  }

  restoreOfficer(): void {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(OFFICER_LANG_KEY);
    } catch {
      saved = null;
    }
    this.set(saved === 'en' ? 'en' : 'id');
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    // A key the dictionary lacks can only come from untyped input (an unknown error code).
    const text = DICTIONARIES[this.lang][key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) =>
      name in params ? String(params[name]) : match,
    );
  }
}

export const i18n = new I18n();

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return i18n.t(key, params);
}

/**
 * Every ErrorCode has a sentence: the template type fails to compile if one is missing. A refused
 * call (RATE_LIMITED) says how many seconds to wait.
 */
export function errorMessage(code: ErrorCode, retryAfterMs?: number): string {
  const key: MessageKey = `error.${code}`;
  if (!(key in id)) return i18n.t('error.INTERNAL');
  return i18n.t(key, { seconds: Math.max(1, Math.ceil((retryAfterMs ?? 1000) / 1000)) });
}

/** Picks the current language's side of a `{ id, en }` text from the core. */
export function pick(text: { id: string; en: string }): string {
  return text[i18n.lang];
}
