import { describe, expect, it } from 'vitest';
import { MAX_PDF_BYTES, jakartaToday, pdfAsBase64 } from './labels';

describe('the issue form’s own checks', () => {
  it('reads a PDF as base64 and names a file that is not one or is too large', async () => {
    const pdf = new File([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], 'kk.pdf');
    expect(await pdfAsBase64(pdf)).toEqual({
      ok: true,
      base64: btoa('%PDF-1.7\n%%EOF\n'),
    });
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d])], 'kk.pdf');
    expect(await pdfAsBase64(png)).toEqual({ ok: false, reason: 'NOT_A_PDF' });
    const large = new File([new Uint8Array(MAX_PDF_BYTES + 1)], 'big.pdf');
    expect(await pdfAsBase64(large)).toEqual({ ok: false, reason: 'PDF_TOO_LARGE' });
  });

  it('dates the issue by the Asia/Jakarta day', () => {
    expect(jakartaToday(new Date('2026-11-29T17:30:00Z'))).toBe('2026-11-30');
  });
});
