import type { OfficeScreen } from '../../lib/screens';

/** The stations screens of the back-office. */
export const screens: OfficeScreen[] = [];
