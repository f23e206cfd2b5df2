import type { OfficeScreen } from '../../lib/screens';

/** The recordings screens of the back-office. */
export const screens: OfficeScreen[] = [];
