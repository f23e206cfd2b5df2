import type { OfficeScreen } from '../../lib/screens';

/** The accounts screens of the back-office. */
export const screens: OfficeScreen[] = [];
