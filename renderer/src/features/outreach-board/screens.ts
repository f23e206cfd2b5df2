import type { Screen } from '../../lib/screens';
import OutreachBoardScreen from './OutreachBoardScreen.svelte';
import OutreachReportScreen from './OutreachReportScreen.svelte';

/** This feature's officer screens (issue 16; src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'outreach-board',
    label: 'outreach-board.title',
    least: 'supervisor',
    order: 132,
    component: OutreachBoardScreen,
  },
  {
    view: 'outreach-report',
    label: 'outreach-report.title',
    least: 'supervisor',
    order: 134,
    component: OutreachReportScreen,
  },
];
