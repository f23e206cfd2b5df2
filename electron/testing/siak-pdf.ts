import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * For tests: a small PDF standing in for one SIAK produced (an A4 page of plain text that
 * pdftotext reads back), so a test can follow the exact bytes from the back-office to the
 * station's printer.
 */
export async function siakLikePdf(lines: string[]): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle('Dokumen SIAK (uji)');
  // Fixed dates: the same lines always make the same bytes.
  document.setCreationDate(new Date('2026-11-29T00:00:00Z'));
  document.setModificationDate(new Date('2026-11-29T00:00:00Z'));
  const font = await document.embedFont(StandardFonts.Helvetica);
  const page = document.addPage([595.28, 841.89]);
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 780 - i * 18, size: 12, font }));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}
