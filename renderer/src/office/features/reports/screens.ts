import type { OfficeScreen } from '../../lib/screens';

/** The reports screens of the back-office. */
export const screens: OfficeScreen[] = [];
