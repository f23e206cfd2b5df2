import type { OfficeScreen } from '../../lib/screens';

/** The decision screens of the back-office. */
export const screens: OfficeScreen[] = [];
