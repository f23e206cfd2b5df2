import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../server/printer.chromium';
import { pdfFile, pdfPage, pdfText, tool } from '../../testing/pdf-tools';
import { parseStatusLink, statusLinkFor } from './qr';
import { receiptHtml, shortName, type ReceiptData } from './receipt';
import { pageHeightMm, wrappedLines, type RollUnit } from './receipt-layout';
import { queueTicketHtml, type TicketPrint } from './receipt-ticket';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const key = Buffer.alloc(32, 7);
const NIK = '1602054107900001';

const unit: RollUnit = {
  name: 'Jelades Semedi Unit 1',
  placeName: 'Desa Kijang Ulu, Kec. Kayu Agung',
  isTraining: false,
};

const receipt: ReceiptData = {
  unit,
  applicationNumber: 'OKI-KJU01-20261129-0007',
  service: { id: 'KTP-el hilang', en: 'Lost KTP-el' },
  applicantName: 'Siti Rahmawati Aminah',
  nik: NIK,
  submittedAt: '2026-11-29T03:05:00Z',
  requirements: {
    handedIn: ['Kartu Keluarga (KK)'],
    missing: ['Surat keterangan kehilangan dari kepolisian'],
  },
  nextSteps: {
    id: 'Datang kembali ke kantor desa pada hari Kamis dengan berkas yang kurang.',
    en: 'Come back to the village office on Thursday with the missing documents.',
  },
};

const ticket: TicketPrint = {
  number: 'A-001',
  service: { id: 'KTP-el hilang', en: 'Lost KTP-el' },
  issuedAt: '2026-11-29T03:05:00Z',
  waitingAhead: 3,
};

describe('receipt layout (HTML)', () => {
  it('shows what the applicant needs and nothing that identifies them fully', () => {
    const html = receiptHtml(receipt, { statusKey: key });
    expect(html).toMatch(/^<!doctype html>/);
    for (const text of [
      'OKI-KJU01-20261129-0007',
      'KTP-el hilang',
      'NIK 160205********01',
      'Minggu, 29 November 2026, 10.05 WIB',
      'Kartu Keluarga (KK)',
      'Surat keterangan kehilangan dari kepolisian',
      'LAYANAN GRATIS — tidak dipungut biaya',
      'Kode cek / Check code: 5V8A-KWAS',
      statusLinkFor(receipt.applicationNumber, key),
      'Siti R. A.',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).not.toContain(NIK);
    expect(html).not.toContain(NIK.slice(6, 14));
    expect(html).not.toContain('Rahmawati');
    expect(html).not.toContain('PELATIHAN');
  });

  it('masks even a NIK that is not 16 digits', () => {
    const html = receiptHtml({ ...receipt, nik: '16020541079000' }, { statusKey: key });
    expect(html).toContain('NIK **************<');
    expect(html).not.toContain('16020541079000');
  });

  it('is self-contained data: no scripts, no external resources, text escaped', () => {
    const html = receiptHtml(
      {
        ...receipt,
        applicantName: '<script>x()</script> Lee',
        service: { id: 'A & B', en: '"x"' },
      },
      { statusKey: key },
    );
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import/i);
    expect(html).toContain('&lt;script&gt;x()&lt;/script&gt; L.');
    expect(html).toContain('A &amp; B');
  });

  it('marks a training station at the top and the bottom', () => {
    const html = receiptHtml(
      { ...receipt, unit: { ...unit, isTraining: true } },
      { statusKey: key },
    );
    expect(html.match(/PELATIHAN — BUKAN BUKTI RESMI/g)).toHaveLength(2);
    expect(queueTicketHtml(ticket, { ...unit, isTraining: true })).toContain(
      'PELATIHAN — BUKAN BUKTI RESMI',
    );
  });

  it('says "none" for an empty list and drops the bring-along note', () => {
    const html = receiptHtml(
      { ...receipt, requirements: { handedIn: ['Kartu Keluarga (KK)'], missing: [] } },
      { statusKey: key },
    );
    expect(html).toContain('tidak ada / none');
    expect(html).not.toContain('Bawa berkas');
  });

  it('shortens names to the first name and initials', () => {
    expect(shortName('  SITI   RAHMAWATI AMINAH ')).toBe('SITI R. A.');
    expect(shortName('Sukarno')).toBe('Sukarno');
  });

  it('counts wrapped lines as a monospace browser does', () => {
    expect(wrappedLines('abc def', 7)).toBe(1);
    expect(wrappedLines('abc defg', 7)).toBe(2);
    expect(wrappedLines('OKI-KJU01-20261129-0007', 10)).toBe(3);
    expect(wrappedLines('abcdefghijklmnopqrstu', 10)).toBe(3);
    expect(wrappedLines('a\nb', 10)).toBe(2);
    const line = { kind: 'text', text: 'x', size: 'm' } as const;
    expect(pageHeightMm([line, line])).toBeGreaterThan(pageHeightMm([line]));
  });
});

async function renderPdf(html: string): Promise<string> {
  return pdfFile(await new ChromiumPrinter(chromium).toPdf({ kind: 'receipt', copies: 1, html }));
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

/** Rasterizes page 1 at 200 dpi as 8-bit grey (PGM, P5) and returns its pixels. */
function rasterGrey(file: string): { path: string; width: number; height: number; grey: Buffer } {
  const prefix = join(mkdtempSync(join(tmpdir(), 'lm-raster-')), 'page');
  tool('pdftoppm', ['-r', '200', '-gray', '-singlefile', file, prefix], 'poppler-utils');
  const bytes = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write an 8-bit PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const grey = bytes.subarray(header[0].length);
  expect(grey.length).toBe(width * height);
  return { path: `${prefix}.pgm`, width, height, grey };
}

function decodeWithJsQr(raster: { width: number; height: number; grey: Buffer }): string | null {
  const rgba = new Uint8ClampedArray(raster.width * raster.height * 4);
  raster.grey.forEach((value, i) => {
    rgba.set([value, value, value, 255], i * 4);
  });
  return jsQR(rgba, raster.width, raster.height)?.data ?? null;
}

/** Blank paper below the last printed row, in millimetres at 200 dpi. */
function blankTailMm(raster: { width: number; height: number; grey: Buffer }): number {
  for (let y = raster.height - 1; y >= 0; y--) {
    const row = raster.grey.subarray(y * raster.width, (y + 1) * raster.width);
    if (row.some((v) => v < 128)) return ((raster.height - 1 - y) / 200) * 25.4;
  }
  return Infinity;
}

const MM80_PT = (80 / 25.4) * 72;

describe('receipt and ticket printed through the station-server printer', () => {
  it('prints one 80 mm strip whose text and QR code a machine can read back', async () => {
    const file = await renderPdf(receiptHtml(receipt, { statusKey: key }));
    const text = pdfText(file);
    expect(text).toContain('OKI-KJU01-20261129-0007');
    expect(text).toContain('KTP-el hilang');
    expect(text).toContain('160205********01');
    expect(text).not.toContain(NIK);
    expect(flat(text)).toContain('LAYANAN GRATIS — tidak dipungut biaya');

    const page = pdfPage(file);
    expect(page.pages).toBe(1);
    expect(Math.abs(page.widthPt - MM80_PT)).toBeLessThan(1.5);

    const link = statusLinkFor(receipt.applicationNumber, key);
    const raster = rasterGrey(file);
    const zbar = tool('zbarimg', ['--raw', '-q', raster.path], 'zbar-tools').toString('utf8');
    expect(zbar.trim()).toBe(link);
    const fromJsQr = decodeWithJsQr(raster);
    expect(fromJsQr).toBe(link);
    expect(parseStatusLink(fromJsQr ?? '', key)).toEqual({
      ok: true,
      value: { number: receipt.applicationNumber, check: '5V8AKWAS' },
    });
    const tail = blankTailMm(raster);
    expect(tail).toBeGreaterThan(5);
    expect(tail).toBeLessThan(25);
  });

  it('keeps a long receipt on one strip with a short blank tail', async () => {
    const many = Array.from(
      { length: 9 },
      (_, i) => `Dokumen persyaratan nomor ${i + 1} yang panjang`,
    );
    const data: ReceiptData = {
      ...receipt,
      unit: { ...unit, isTraining: true },
      applicationNumber: 'OKI-1602052011-20261129-0123',
      service: {
        id: 'Akta Kelahiran dengan SPTJM kebenaran data kelahiran',
        en: 'Birth certificate',
      },
      requirements: { handedIn: many, missing: many.slice(0, 5) },
      nextSteps: { id: receipt.nextSteps.id.repeat(4), en: receipt.nextSteps.en.repeat(4) },
    };
    const html = receiptHtml(data, { statusKey: key });
    const file = await renderPdf(html);
    const page = pdfPage(file);
    expect(page.pages).toBe(1);
    const planned = /size: 80mm (\d+)mm/.exec(html)?.[1];
    expect(Math.abs(page.heightPt - (Number(planned) / 25.4) * 72)).toBeLessThan(1.5);
    expect(pdfText(file)).toContain('OKI-1602052011-20261129-0123');
    const raster = rasterGrey(file);
    const tail = blankTailMm(raster);
    expect(tail).toBeGreaterThan(5);
    expect(tail).toBeLessThan(35);
    expect(decodeWithJsQr(raster)).toBe(statusLinkFor(data.applicationNumber, key));
  });

  it('prints the queue ticket with its number on one 80 mm strip', async () => {
    const file = await renderPdf(queueTicketHtml(ticket, unit));
    const text = pdfText(file);
    expect(text).toContain('A-001');
    expect(text).toContain('KTP-el hilang');
    expect(flat(text)).toContain('Silakan tunggu nomor Anda dipanggil.');
    expect(flat(text)).toContain('LAYANAN GRATIS — tidak dipungut biaya');
    expect(text).not.toContain('PELATIHAN');
    const page = pdfPage(file);
    expect(page.pages).toBe(1);
    expect(Math.abs(page.widthPt - MM80_PT)).toBeLessThan(1.5);
  });
});
