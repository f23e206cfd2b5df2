import type { Component } from 'svelte';
import type { Role, ROLES, SessionInfo } from '../../../electron/contract';
import type { MessageKey } from './i18n/id';

/**
 * What the officer shell hands every screen (src/shell/OfficerShell.svelte). A screen declares
 * only the props it uses, as a `Pick` of these.
 */
export interface ScreenProps {
  session: SessionInfo;
  /** Counts nav taps and `navigate` calls; a `fresh` screen is re-created when it changes. */
  navTick: number;
  /** What `navigate` asked the screen to open (the inbox: an application id). */
  open?: string | undefined;
  /** Shows another screen, optionally opening something there; like a nav tap. */
  navigate: (view: string, open?: string) => void;
}

/** One officer screen, as its feature's `screens.ts` declares it. */
export interface Screen {
  /** The nav button is `nav-<view>` (data-testid). */
  view: string;
  label: MessageKey;
  /** The least role that sees it; the core checks every call again. */
  least: Role;
  /** Place in the nav, ascending. */
  order: number;
  /** Re-created on every nav tap (a new search, a clean flow), else kept as it is. */
  fresh?: boolean;
  /** Takes a `Pick` of ScreenProps, or no props at all. */
  component: Component<ScreenProps> | Component<Record<string, never>>;
}

/** The contract's role order (the type fails to compile if the contract's order changes). */
const ORDER: typeof ROLES = ['kiosk', 'operator', 'supervisor', 'admin'];

/**
 * The one role check of the renderer: may `role` open a screen (or any part of one) that needs
 * at least `least`? The nav, the shell and every screen hiding a control by role ask it.
 */
export function canOpen(role: Role, { least }: { least: Role }): boolean {
  return ORDER.indexOf(role) >= ORDER.indexOf(least);
}
