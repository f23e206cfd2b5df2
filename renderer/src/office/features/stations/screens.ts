import type { OfficeScreen } from '../../lib/screens';
import DocumentsScreen from './DocumentsScreen.svelte';
import StationEnrolScreen from './StationEnrolScreen.svelte';
import StationsScreen from './StationsScreen.svelte';

/** The stations screens of the back-office: stations and keys, enrolment, issued documents. */
export const screens: OfficeScreen[] = [
  {
    view: 'documents',
    label: 'Dokumen terbit',
    labelEn: 'Issued documents',
    roles: ['penandatangan'],
    order: 400,
    component: DocumentsScreen,
  },
  {
    view: 'stations',
    label: 'Stasiun',
    labelEn: 'Stations',
    roles: ['admin', 'pemantau'],
    order: 500,
    component: StationsScreen,
  },
  {
    view: 'station-enrol',
    label: 'Daftarkan stasiun',
    labelEn: 'Enrol a station',
    roles: ['admin'],
    order: 510,
    component: StationEnrolScreen,
  },
];
