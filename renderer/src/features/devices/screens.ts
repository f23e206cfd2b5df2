import type { Screen } from '../../lib/screens';
import DeviceSettingsScreen from './DeviceSettingsScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'devices',
    label: 'devices.title',
    least: 'admin',
    order: 160,
    component: DeviceSettingsScreen,
  },
];
