import { ChromiumPrinter } from '../server/printer.chromium';
import type { TestStation } from './station';

/** The Chromium the outreach PDF tests print with: LM_CHROMIUM, else /usr/bin/chromium. */
export const TEST_CHROMIUM = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Gives a test station the real Chromium printer, so that reports, call lists and handovers are
 * real PDFs (read back with electron/testing/pdf-tools). Returns the station.
 */
export function printWithChromium<T extends TestStation>(station: T): T {
  station.ports.printer = new ChromiumPrinter(TEST_CHROMIUM);
  return station;
}
