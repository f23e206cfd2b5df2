import type { OfficeScreen } from '../../lib/screens';

/** The queue screens of the back-office. */
export const screens: OfficeScreen[] = [];
