import type { Screen } from '../../lib/screens';
import OutreachPlanScreen from './OutreachPlanScreen.svelte';

/** This feature's officer screens (issue 16; src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    // Operators see the events and the invitation list; planning, readiness, stock, start and
    // close are for supervisors (the core checks each call again).
    view: 'outreach',
    label: 'outreach-plan.title',
    least: 'operator',
    order: 125,
    fresh: true,
    component: OutreachPlanScreen,
  },
];
