import type { Screen } from '../../lib/screens';
import ImportScreen from './ImportScreen.svelte';
import RegistryScreen from './RegistryScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'search',
    label: 'officer.search',
    least: 'operator',
    order: 90,
    fresh: true,
    component: RegistryScreen,
  },
  // Import writes the registry: supervisor and up.
  {
    view: 'import',
    label: 'officer.import',
    least: 'supervisor',
    order: 100,
    component: ImportScreen,
  },
];
