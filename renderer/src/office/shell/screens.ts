import type { OfficeRole } from '../../../../electron/contract/office';
import { screens as accounts } from '../features/accounts/screens';
import { screens as decision } from '../features/decision/screens';
import { screens as queue } from '../features/queue/screens';
import { screens as recordings } from '../features/recordings/screens';
import { screens as reports } from '../features/reports/screens';
import { screens as stations } from '../features/stations/screens';
import type { OfficeScreen } from '../lib/screens';
import { screens as own } from './own-screens';

/** Every back-office screen of every area (and the shell's own), in nav order. */
const ALL: readonly OfficeScreen[] = [
  ...queue,
  ...decision,
  ...recordings,
  ...stations,
  ...reports,
  ...accounts,
  ...own,
].sort((a, b) => a.order - b.order);

/** The screens `role` may open (nav and hidden ones): the hub checks every call again. */
export function screensFor(role: OfficeRole): OfficeScreen[] {
  return ALL.filter((screen) => screen.roles.includes(role));
}

/** The nav of `role`: its screens without the hidden ones (opened by navigate only). */
export function navFor(role: OfficeRole): OfficeScreen[] {
  return screensFor(role).filter((screen) => !screen.hidden);
}

/**
 * Where a role starts after sign-in: its first nav screen. Null only for a role no screen lists
 * yet, which the shell answers with an empty home.
 */
export function homeFor(role: OfficeRole): string | null {
  return navFor(role)[0]?.view ?? null;
}
