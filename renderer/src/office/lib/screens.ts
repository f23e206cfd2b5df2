import type { Component } from 'svelte';
import type { OfficeRole, OfficeSessionInfo } from '../../../../electron/contract/office';

/** What the back-office shell (src/office/OfficeShell.svelte) hands every screen. */
export interface OfficeScreenProps {
  session: OfficeSessionInfo;
  /** What `navigate` asked the screen to open (e.g. an application id). */
  open?: string | undefined;
  navigate: (view: string, open?: string) => void;
}

/** One back-office screen, as its feature's `screens.ts` declares it. */
export interface OfficeScreen {
  /** The nav button is `office-nav-<view>` (data-testid). */
  view: string;
  /** Nav label, Bahasa Indonesia (English in the title attribute). */
  label: string;
  labelEn: string;
  /** The roles that see it in the nav (the hub checks every call again). */
  roles: readonly OfficeRole[];
  order: number;
  /** Not in the nav (opened by navigate only, e.g. an application page). */
  hidden?: boolean;
  /** Takes a `Pick` of OfficeScreenProps, or no props at all. */
  component: Component<OfficeScreenProps> | Component<Record<string, never>>;
}
