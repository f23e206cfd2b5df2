import type { OfficeScreen } from '../../lib/screens';
import ApplicationScreen from './ApplicationScreen.svelte';
import QueueScreen from './QueueScreen.svelte';

/** The queue screens of the back-office: the work queue and one application's page. */
export const screens: OfficeScreen[] = [
  {
    view: 'queue',
    label: 'Antrean permohonan',
    labelEn: 'Work queue',
    roles: ['verifikator', 'penandatangan', 'admin'],
    order: 100,
    component: QueueScreen,
  },
  {
    view: 'application',
    label: 'Permohonan',
    labelEn: 'Application',
    roles: ['verifikator', 'penandatangan', 'admin'],
    order: 110,
    hidden: true,
    component: ApplicationScreen,
  },
];
