import type { Session } from '../../transport/dispatcher';

/** The signed-in person a handler acts for: an account, or a training switch session without one. */
export type Officer = Pick<Session, 'role' | 'userName' | 'userId'>;

/** The display name written as actor (audit, claims, checks, status history, stock, prints). */
export function officerName(officer: Officer): string {
  return officer.userName ?? officer.role;
}
