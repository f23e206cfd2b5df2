import type { OfficeAccount } from '../../../../../electron/contract/office/accounts';
import type { Bilingual } from '../../lib/reasons';

/** The hub's rule for user names (electron/hub/office/auth.ts USER_NAME), checked again there. */
const USER_NAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function userNameProblem(userName: string): Bilingual | null {
  if (USER_NAME.test(userName.trim().toLowerCase())) return null;
  return {
    id: '3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung.',
    en: '3–32 characters: lower-case letters, digits, dot, underscore or hyphen.',
  };
}

/** What a name or jabatan needs: some text, at most `max` characters. */
export function textProblem(text: string, max = 120): Bilingual | null {
  const trimmed = text.trim();
  if (trimmed === '') return { id: 'Wajib diisi.', en: 'Required.' };
  if (trimmed.length > max) {
    return { id: `Maksimal ${max} karakter.`, en: `At most ${max} characters.` };
  }
  return null;
}

export type AccountState = 'active' | 'locked' | 'disabled';

/** Disabled wins over locked: a disabled account cannot sign in whatever its lock says. */
export function accountState(account: OfficeAccount, now: Date): AccountState {
  if (account.disabledAt) return 'disabled';
  if (account.lockedUntil && Date.parse(account.lockedUntil) > now.getTime()) return 'locked';
  return 'active';
}
