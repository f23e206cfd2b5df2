import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintJob, PrintOutcome, Printer } from '../core/ports';

/**
 * Station-server printer: renders HTML to PDF with a headless Chromium (the same engine the
 * Electron app prints with). Paper printing in station mode is done by the browser's own
 * print dialog, so print() hands back the PDF without printing.
 */
export class ChromiumPrinter implements Printer {
  readonly #executable: string;

  constructor(executable: string) {
    this.#executable = executable;
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    await this.toPdf(job);
    return { printed: false, reason: 'station-server: print from the browser' };
  }

  /** The station server reaches no printer: the browser's print dialog does the printing. */
  list(): Promise<string[]> {
    return Promise.resolve([]);
  }

  async toPdf(job: PrintJob): Promise<Uint8Array> {
    const dir = await mkdtemp(join(tmpdir(), 'lm-print-'));
    try {
      const html = join(dir, 'job.html');
      const pdf = join(dir, 'job.pdf');
      await writeFile(html, withoutScripts(job.html), { mode: 0o600 });
      await run(this.#executable, [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(html).href,
      ]);
      return new Uint8Array(await readFile(pdf));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}

/**
 * Print templates are data: a CSP placed before anything else keeps any script in them from
 * running. (Chromium's scriptEnabled=false switch makes --print-to-pdf silently produce nothing.)
 */
export function withoutScripts(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="script-src 'none'; connect-src 'none'">`;
  return html.replace(/^(\s*<!doctype[^>]*>)?/i, (doctype) => `${doctype}${meta}`);
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000 }, (error) => (error ? reject(error) : resolve()));
  });
}
