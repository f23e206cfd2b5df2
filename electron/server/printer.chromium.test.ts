import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumPrinter } from './printer.chromium';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';

describe('ChromiumPrinter', () => {
  it('renders an A4 HTML document to a PDF whose text poppler can read', async () => {
    const printer = new ChromiumPrinter(chromium);
    const pdf = await printer.toPdf({
      kind: 'receipt',
      copies: 1,
      html: `<!doctype html><html lang="id"><meta charset="utf-8"><style>@page { size: A4; margin: 20mm }</style>
        <h1>TANDA TERIMA</h1><p>Nomor antrean A-001 · Desa Kijang Ulu</p>
        <script>document.body.append('SCRIPT RAN')</script></html>`,
    });
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'lm-pdf-'));
    writeFileSync(join(dir, 'out.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'out.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain('TANDA TERIMA');
    expect(text).toContain('Nomor antrean A-001');
    // Print templates are data: scripts in them never run.
    expect(text).not.toContain('SCRIPT RAN');
    const info = execFileSync('pdfinfo', [join(dir, 'out.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d* x 841\.\d* pts \(A4\)/);
  });

  it('fails loudly when the browser cannot be started', async () => {
    const printer = new ChromiumPrinter('/nonexistent/chromium');
    await expect(
      printer.toPdf({ kind: 'document', copies: 1, html: '<p>x</p>' }),
    ).rejects.toThrow();
  });
});
