import type { ReceiptPrintResult } from '../../contract';
import type { CoreDeps } from '../deps';
import type { PrintJob } from '../ports';
import { configuredPrinter } from '../print/settings';

/**
 * Prints an 80 mm roll document (receipt, queue ticket) the way the host can. Electron: the
 * printer port prints. Station server: it cannot reach a printer, so the browser prints, and the
 * PDF goes back to it. Call outside any transaction: printing waits on a device.
 */
export async function printReceipt(
  deps: Pick<CoreDeps, 'host' | 'ports' | 'db'>,
  job: PrintJob,
): Promise<ReceiptPrintResult> {
  if (deps.host === 'station-server') {
    const pdf = await deps.ports.printer.toPdf(job);
    return { isPrinted: false, pdfBase64: Buffer.from(pdf).toString('base64'), reason: 'browser' };
  }
  // The roll printer chosen in the station settings (docs/printing.md); the default otherwise.
  const deviceName = (await configuredPrinter(deps, 'receipt')) ?? undefined;
  const outcome = await deps.ports.printer.print({ ...job, deviceName });
  if (!outcome.printed) return { isPrinted: false, pdfBase64: null, reason: outcome.reason };
  const pdfBase64 = outcome.pdf ? Buffer.from(outcome.pdf).toString('base64') : null;
  return { isPrinted: true, pdfBase64, reason: null };
}
