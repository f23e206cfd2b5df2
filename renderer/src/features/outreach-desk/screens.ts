import type { Screen } from '../../lib/screens';
import ArrivalScreen from './ArrivalScreen.svelte';
import DeskScreen from './DeskScreen.svelte';

/** This feature's officer screens (issue 16; src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'outreach-arrival',
    label: 'outreach-desk.arrival.title',
    least: 'operator',
    order: 12,
    component: ArrivalScreen,
  },
  {
    view: 'outreach-desk',
    label: 'outreach-desk.desk.title',
    least: 'operator',
    order: 14,
    component: DeskScreen,
  },
];
