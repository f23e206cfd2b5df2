import type { OfficeScreen } from '../../lib/screens';
import RecordingsCsvScreen from './RecordingsCsvScreen.svelte';
import RecordingsScreen from './RecordingsScreen.svelte';

/** The recordings screens of the back-office: the list, and the CSV of de-duplication results. */
export const screens: OfficeScreen[] = [
  {
    view: 'recordings',
    label: 'Perekaman KTP-el',
    labelEn: 'KTP-el recordings',
    roles: ['verifikator', 'penandatangan'],
    order: 300,
    component: RecordingsScreen,
  },
  {
    view: 'recordings-csv',
    label: 'Hasil dedup (CSV)',
    labelEn: 'De-duplication CSV',
    roles: ['verifikator', 'penandatangan'],
    order: 310,
    component: RecordingsCsvScreen,
  },
];
