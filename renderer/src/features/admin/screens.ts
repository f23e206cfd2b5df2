import type { Screen } from '../../lib/screens';
import AccountsScreen from './AccountsScreen.svelte';
import PrinterScreen from './PrinterScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'accounts',
    label: 'officer.accounts',
    least: 'admin',
    order: 140,
    component: AccountsScreen,
  },
  {
    view: 'printer',
    label: 'officer.printer',
    least: 'admin',
    order: 150,
    component: PrinterScreen,
  },
];
