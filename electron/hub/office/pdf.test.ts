import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfFile, pdfPage, pdfText, tool } from '../../testing/pdf-tools';
import { PdfDocument, textWidth } from './pdf';
import { winAnsi } from './pdf-fonts';

/** The hub's PDF writer, read back by poppler. */
describe('PDF writer', () => {
  it('writes A4 pages that poppler reads: text in WinAnsi, rectangles, lines', () => {
    const doc = new PdfDocument();
    const first = doc.addPage();
    first.text(40, 60, 'Laporan – Kabupaten (OKI) \\ 100% é “kutip” €', {
      font: 'Helvetica-Bold',
      size: 14,
    });
    first.rect(40, 100, 200, 20, { fill: [0.06, 0.3, 0.5] });
    first.rect(40, 130, 200, 20, { stroke: [0, 0, 0] });
    first.line(40, 160, 240, 160);
    doc.addPage().text(300, 400, 'Halaman dua', { align: 'center' });
    const bytes = doc.bytes({ title: 'Uji – PDF', createdAt: '2026-12-01T10:20:30.000Z' });
    const file = pdfFile(bytes);
    expect(pdfPage(file)).toEqual({ pages: 2, widthPt: 595.28, heightPt: 841.89 });
    const text = pdfText(file);
    expect(text).toContain('Laporan – Kabupaten (OKI) \\ 100% é “kutip” €');
    expect(text).toContain('Halaman dua');
    const info = tool('pdfinfo', [file], 'poppler-utils').toString();
    expect(info).toMatch(/Title:\s+Uji – PDF/);
    expect(info).not.toMatch(/Syntax Error/);
    // The fill is a path, not an image; the structure is valid (no xref repair).
    const raw = readFileSync(file, 'latin1');
    expect(raw.match(/ re f\n/g)).toHaveLength(1);
    const svg = tool('pdftocairo', ['-svg', '-f', '1', '-l', '1', file, '-'], 'poppler-utils');
    expect(svg.toString()).toMatch(/<path[^>]*fill:rgb\(5\.99\d*%,29\.99\d*%,(49\.99\d*|50)%\)/);
    expect(svg.toString()).not.toContain('<image');
  });

  it('keeps a text that looks like PDF operators as text (a reason cannot draw or end the page)', () => {
    const attack = 'x) Tj ET 0 0 595 842 re f BT /F2 40 Tf (y\\';
    const doc = new PdfDocument();
    doc.addPage().text(40, 60, `${attack}\nbaris`);
    const file = pdfFile(doc.bytes({ title: 'Uji', createdAt: '2026-12-01T00:00:00.000Z' }));
    expect(pdfText(file)).toContain(`${attack}?baris`);
    expect(readFileSync(file, 'latin1').match(/ re f\n/g)).toBeNull();
  });

  it('encodes text in WinAnsi and measures it with the Helvetica widths', () => {
    expect(winAnsi('A–€é✓')).toEqual([0x41, 0x96, 0x80, 0xe9, 0x3f]);
    // Helvetica: 'H' 722, 'i' 222 per 1000 em.
    expect(textWidth('Hi', 'Helvetica', 10)).toBeCloseTo(9.44);
    expect(textWidth('Hi', 'Helvetica-Bold', 10)).toBeCloseTo(10);
  });
});
