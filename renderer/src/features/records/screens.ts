import type { Screen } from '../../lib/screens';
import HardwareCheckScreen from './HardwareCheckScreen.svelte';
import RecordsScreen from './RecordsScreen.svelte';
import StockScreen from './StockScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'records',
    label: 'records.title',
    least: 'operator',
    order: 40,
    fresh: true,
    component: RecordsScreen,
  },
  {
    view: 'stock',
    label: 'records.nav.stock',
    least: 'operator',
    order: 50,
    component: StockScreen,
  },
  {
    view: 'hardware',
    label: 'records.nav.hardware',
    least: 'operator',
    order: 180,
    component: HardwareCheckScreen,
  },
];
