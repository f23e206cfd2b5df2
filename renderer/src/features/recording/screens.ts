import type { Screen } from '../../lib/screens';
import RecordingScreen from './RecordingScreen.svelte';

/** This feature's officer screens (src/shell/screens.ts builds the nav from them). */
export const screens: Screen[] = [
  {
    view: 'recording',
    label: 'recording.title',
    least: 'operator',
    order: 30,
    fresh: true,
    component: RecordingScreen,
  },
];
