import type { PrinterSettings, PrinterSettingsArgs } from '../../../../electron/contract';

export type Paper = keyof PrinterSettingsArgs;
export const PAPERS: readonly Paper[] = ['document', 'card', 'receipt'];

/** The select's value for "the system default" (the core stores null). */
export const SYSTEM_DEFAULT = '';

export type PrinterChoice = Record<Paper, string>;

/**
 * The printers a paper's select offers: the ones the host sees now, plus the configured one when
 * the host does not see it (unplugged), so the form never silently drops a setting.
 */
export function printerOptions(settings: PrinterSettings, paper: Paper): string[] {
  const configured = settings[paper];
  return configured === null || settings.available.includes(configured)
    ? settings.available
    : [...settings.available, configured];
}

export function choiceOf(settings: PrinterSettings): PrinterChoice {
  return {
    document: settings.document ?? SYSTEM_DEFAULT,
    card: settings.card ?? SYSTEM_DEFAULT,
    receipt: settings.receipt ?? SYSTEM_DEFAULT,
  };
}

export function settingsArgs(choice: PrinterChoice): PrinterSettingsArgs {
  const printer = (paper: Paper) => (choice[paper] === SYSTEM_DEFAULT ? null : choice[paper]);
  return { document: printer('document'), card: printer('card'), receipt: printer('receipt') };
}
