import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * For tests: read printed PDFs back with the real poppler tools, so a test checks what a
 * printer gets, not the HTML that was meant to produce it.
 */

/** Runs a PDF/QR tool; a missing tool fails the test with the package to install. */
export function tool(file: string, args: string[], pkg: string): Buffer {
  try {
    return execFileSync(file, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${file} is not installed: install the Debian package ${pkg}`);
    }
    throw error;
  }
}

/** Writes PDF bytes (or the base64 a print handler returns) to a fresh temporary file. */
export function pdfFile(pdf: Uint8Array | string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lm-pdf-')), 'out.pdf');
  writeFileSync(file, typeof pdf === 'string' ? Buffer.from(pdf, 'base64') : pdf);
  return file;
}

export const pdfText = (file: string): string =>
  tool('pdftotext', [file, '-'], 'poppler-utils').toString('utf8');

export function pdfPage(file: string): { pages: number; widthPt: number; heightPt: number } {
  const info = tool('pdfinfo', [file], 'poppler-utils').toString('utf8');
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  if (!size || !pages) throw new Error(`pdfinfo said: ${info}`);
  return { pages: Number(pages[1]), widthPt: Number(size[1]), heightPt: Number(size[2]) };
}
