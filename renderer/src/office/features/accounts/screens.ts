import type { OfficeScreen } from '../../lib/screens';
import AccountsScreen from './AccountsScreen.svelte';
import AuditScreen from './AuditScreen.svelte';

/** The accounts screens of the back-office (administrators). */
export const screens: OfficeScreen[] = [
  {
    view: 'accounts',
    label: 'Akun staf',
    labelEn: 'Staff accounts',
    roles: ['admin'],
    order: 800,
    component: AccountsScreen,
  },
  {
    view: 'audit',
    label: 'Jejak audit',
    labelEn: 'Audit trail',
    roles: ['admin'],
    order: 810,
    component: AuditScreen,
  },
];
