import type { Screen } from '../../lib/screens';

/** This feature's officer screens (issue 16; src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [];
