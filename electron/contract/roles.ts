/** Roles from least to most privileged. A handler declares the least role allowed. */
export const ROLES = ['kiosk', 'operator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
