import type { Screen } from '../../lib/screens';
import QueueScreen from './QueueScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  { view: 'queue', label: 'officer.queue', least: 'operator', order: 80, component: QueueScreen },
];
