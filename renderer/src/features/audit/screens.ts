import type { Screen } from '../../lib/screens';
import AuditScreen from './AuditScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  { view: 'audit', label: 'officer.audit', least: 'operator', order: 130, component: AuditScreen },
];
