import type { OfficeScreen } from '../../lib/screens';
import ReportsScreen from './ReportsScreen.svelte';

/** The reports screens of the back-office: every role (pemantau sees reports only). */
export const screens: OfficeScreen[] = [
  {
    view: 'reports',
    label: 'Laporan',
    labelEn: 'Reports',
    roles: ['verifikator', 'penandatangan', 'admin', 'pemantau'],
    order: 600,
    component: ReportsScreen,
  },
];
