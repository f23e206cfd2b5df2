import type { Screen } from '../../lib/screens';
import AboutScreen from './AboutScreen.svelte';
import StationStatusScreen from './StationStatusScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'status',
    label: 'officer.statusNav',
    least: 'operator',
    order: 190,
    component: StationStatusScreen,
  },
  { view: 'about', label: 'officer.about', least: 'operator', order: 200, component: AboutScreen },
];
