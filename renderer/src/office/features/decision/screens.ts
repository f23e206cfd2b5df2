import { provideDecisionPanel } from '../../lib/panels';
import type { OfficeScreen } from '../../lib/screens';
import DecisionPanel from './DecisionPanel.svelte';
import NumberingScreen from './NumberingScreen.svelte';

// The application page (features/queue) shows this area's panel through lib/panels.
provideDecisionPanel(DecisionPanel);

/** The decision screens of the back-office: the admin's document numbering. */
export const screens: OfficeScreen[] = [
  {
    view: 'numbering',
    label: 'Penomoran dokumen',
    labelEn: 'Document numbering',
    roles: ['admin'],
    order: 520,
    component: NumberingScreen,
  },
];
