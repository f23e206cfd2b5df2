import type { Screen } from '../../lib/screens';
import DeskIntakeScreen from './DeskIntakeScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'intake',
    label: 'officer.intake',
    least: 'operator',
    order: 20,
    fresh: true,
    component: DeskIntakeScreen,
  },
];
