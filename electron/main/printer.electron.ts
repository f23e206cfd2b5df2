import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfPrintJob, PrintJob, PrintOutcome, Printer } from '../core/ports';
import { lockedWebPreferences } from './window-options';

export interface ElectronPrinterOptions {
  /** System printer per kind of job (e.g. a thermal printer for receipts); default printer if unset. */
  deviceNames?: Partial<Record<PrintJob['kind'], string>>;
}

const TIMEOUT_MS = 60_000;

/**
 * Prints with Chromium's own print path from a hidden window that has no preload and no
 * JavaScript: print templates are data, never code.
 */
export class ElectronPrinter implements Printer {
  readonly #options: ElectronPrinterOptions;

  constructor(options: ElectronPrinterOptions = {}) {
    this.#options = options;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const deviceName = job.deviceName ?? this.#options.deviceNames?.[job.kind];
    return withPage(job.html, (window) =>
      timeout(
        new Promise<PrintOutcome>((resolve) => {
          window.webContents.print(
            {
              silent: true,
              printBackground: true,
              copies: Math.max(1, Math.floor(job.copies)),
              ...(deviceName ? { deviceName } : {}),
            },
            (success, failureReason) =>
              resolve(
                success ? { printed: true, pdf: null } : { printed: false, reason: failureReason },
              ),
          );
        }),
      ),
    );
  }

  /**
   * A finished PDF (an issued document from SIAK) printed unchanged: CUPS `lp` on Linux and
   * macOS (Chromium's PDF viewer cannot print silently). Windows has no built-in PDF printing
   * command: the desk gets the PDF back to print from a PDF viewer.
   */
  async printPdf(job: PdfPrintJob): Promise<PrintOutcome> {
    if (process.platform === 'win32') return { printed: false, reason: 'PDF_PRINT_UNSUPPORTED' };
    const deviceName = job.deviceName ?? this.#options.deviceNames?.[job.kind];
    const dir = await mkdtemp(join(tmpdir(), 'lm-pdf-'));
    try {
      const file = join(dir, 'document.pdf');
      await writeFile(file, job.pdf, { mode: 0o600 });
      const copies = String(Math.max(1, Math.floor(job.copies)));
      const args = [...(deviceName ? ['-d', deviceName] : []), '-n', copies, '--', file];
      await new Promise<void>((resolve, reject) => {
        execFile('lp', args, { timeout: TIMEOUT_MS }, (error) =>
          error ? reject(error) : resolve(),
        );
      });
      return { printed: true, pdf: null };
    } catch (error) {
      return { printed: false, reason: (error as Error).message || String(error) };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The system's printers, as Chromium sees them from a hidden window that loads nothing. */
  async list(): Promise<string[]> {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { ...lockedWebPreferences(), javascript: false, devTools: false },
    });
    try {
      const printers = await timeout(window.webContents.getPrintersAsync());
      return printers.map((p) => p.name);
    } finally {
      window.destroy();
    }
  }

  async toPdf(job: PrintJob): Promise<Uint8Array> {
    return withPage(
      job.html,
      async (window) =>
        new Uint8Array(
          await timeout(
            window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true }),
          ),
        ),
    );
  }
}

async function withPage<T>(html: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: { ...lockedWebPreferences(), javascript: false, devTools: false },
  });
  try {
    // base64 keeps the URL size predictable; Chromium accepts data URLs up to 2 MB.
    const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
    if (url.length > 2 * 1024 * 1024) throw new Error('Print job larger than 2 MB');
    await timeout(window.loadURL(url));
    return await use(window);
  } finally {
    window.destroy();
  }
}

function timeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('Printing timed out')), TIMEOUT_MS);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
