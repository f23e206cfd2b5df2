import type { Bilingual } from './reasons';

/** The hub's least password length (issue 15); the hub checks it again. */
export const MIN_PASSWORD_LENGTH = 10;

/** What is wrong with a new password and its repetition, or null (the hub checks again). */
export function newPasswordProblem(password: string, repeated: string): Bilingual | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      id: `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`,
      en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  if (password !== repeated) {
    return {
      id: 'Kedua kata sandi baru tidak sama.',
      en: 'The two new passwords differ.',
    };
  }
  return null;
}
