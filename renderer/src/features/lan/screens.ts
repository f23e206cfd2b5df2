import type { Screen } from '../../lib/screens';
import LanScreen from './LanScreen.svelte';

/** This feature's officer screens (issue 16; src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  { view: 'lan', label: 'lan.title', least: 'supervisor', order: 136, component: LanScreen },
];
