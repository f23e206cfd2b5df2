import type { Screen } from '../../lib/screens';
import DeskScreen from './DeskScreen.svelte';
import PrintLogScreen from './PrintLogScreen.svelte';
import SummaryScreen from './SummaryScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'inbox',
    label: 'desk.nav.inbox',
    least: 'operator',
    order: 10,
    fresh: true,
    component: DeskScreen,
  },
  {
    view: 'printLog',
    label: 'desk.nav.printLog',
    least: 'operator',
    order: 110,
    component: PrintLogScreen,
  },
  {
    view: 'summary',
    label: 'desk.nav.summary',
    least: 'operator',
    order: 120,
    component: SummaryScreen,
  },
];
