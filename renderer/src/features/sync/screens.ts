import type { Screen } from '../../lib/screens';
import EnrolmentScreen from './EnrolmentScreen.svelte';
import SyncScreen from './SyncScreen.svelte';
import VerifyScreen from './VerifyScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  { view: 'sync', label: 'sync.title', least: 'operator', order: 60, component: SyncScreen },
  {
    view: 'verify',
    label: 'sync.nav.verify',
    least: 'operator',
    order: 70,
    fresh: true,
    component: VerifyScreen,
  },
  {
    view: 'enrolment',
    label: 'sync.nav.enrolment',
    least: 'admin',
    order: 170,
    component: EnrolmentScreen,
  },
];
