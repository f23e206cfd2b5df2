import type { OfficerRole, UserSummary, UserUpdateArgs } from '../../../../electron/contract';

export const OFFICER_ROLES: readonly OfficerRole[] = ['operator', 'supervisor', 'admin'];

/** The core's own rules (electron/core/auth/rules.ts), checked first for a sentence per field. */
const USERNAME = /^[a-z0-9._-]{3,32}$/;
export const PIN_MIN = 6;

export function usernameProblem(username: string): 'admin.usernameInvalid' | null {
  return USERNAME.test(username) ? null : 'admin.usernameInvalid';
}

/** A PIN the core would refuse by its length, or one typed differently twice. */
export function pinProblem(
  pin: string,
  again: string,
): 'admin.pinShort' | 'setup.pinMismatch' | null {
  if (pin.length < PIN_MIN) return 'admin.pinShort';
  return pin === again ? null : 'setup.pinMismatch';
}

/**
 * The auth-users-update arguments for what the editor changed (only those fields), or null when
 * nothing differs from the account as listed.
 */
export function accountChanges(
  user: Pick<UserSummary, 'id' | 'displayName' | 'role' | 'isActive'>,
  form: { displayName: string; role: OfficerRole; isActive: boolean },
): UserUpdateArgs | null {
  const name = form.displayName.trim();
  const args: UserUpdateArgs = {
    id: user.id,
    ...(name === user.displayName ? {} : { displayName: name }),
    ...(form.role === user.role ? {} : { role: form.role }),
    ...(form.isActive === user.isActive ? {} : { isActive: form.isActive }),
  };
  return Object.keys(args).length > 1 ? args : null;
}
