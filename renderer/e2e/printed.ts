import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText, tool } from '../../electron/testing/pdf-tools';

/** What a printed PDF says, read back with poppler, and its QR code ('' if none) read with zbarimg. */
export function readPrinted(file: string): { text: string; qr: string } {
  const prefix = join(mkdtempSync(join(tmpdir(), 'lm-e2e-raster-')), 'page');
  tool('pdftoppm', ['-r', '200', '-gray', '-singlefile', file, prefix], 'poppler-utils');
  let qr = '';
  try {
    qr = tool('zbarimg', ['--raw', '-q', `${prefix}.pgm`], 'zbar-tools')
      .toString('utf8')
      .trim();
  } catch (error) {
    // zbarimg exits 4 when the page has no code at all (a queue ticket); anything else is real.
    if ((error as { status?: number }).status !== 4) throw error;
  }
  return { text: pdfText(file), qr };
}
