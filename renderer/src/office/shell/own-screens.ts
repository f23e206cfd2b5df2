import type { OFFICE_ROLES } from '../../../../electron/contract/office';
import type { OfficeScreen } from '../lib/screens';
import PasswordScreen from './PasswordScreen.svelte';

/** Every role: the contract's OFFICE_ROLES (the type fails to compile if that list changes). */
const EVERY_ROLE: typeof OFFICE_ROLES = ['verifikator', 'penandatangan', 'admin', 'pemantau'];

/** The shell's own screens: every role's password change (opened from the header). */
export const screens: OfficeScreen[] = [
  {
    view: 'password',
    label: 'Ubah kata sandi',
    labelEn: 'Change password',
    roles: EVERY_ROLE,
    order: 1000,
    hidden: true,
    component: PasswordScreen,
  },
];
