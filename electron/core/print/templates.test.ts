import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../server/printer.chromium';
import { pdfFile, pdfPage, pdfText, tool } from '../../testing/pdf-tools';
import { ADDRESS, family, ISSUED } from '../../testing/print-templates';
import { aktaKelahiranHtml } from './templates/akta-kelahiran';
import { aktaKematianHtml } from './templates/akta-kematian';
import { biodataHtml } from './templates/biodata';
import { f101Html } from './templates/f-1-01';
import { f102Html } from './templates/f-1-02';
import { f103Html } from './templates/f-1-03';
import { f201Html } from './templates/f-2-01';
import { DRAFT_LINE, DRAFT_NOTE, type Rendered } from './templates/frame';
import { UNVERIFIED } from './templates';
import { kiaHtml, kiaValidUntil } from './templates/kia';
import { kkHtml, MEMBERS_PER_PAGE, type KkData } from './templates/kk';
import { ktpElHtml, LIFETIME, type KtpElData } from './templates/ktp-el';
import { portraitJpeg, signaturePng } from '../../testing/images';
import { suratPindahHtml } from './templates/surat-pindah';
import { dmy } from './templates/text';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const KK_NUMBER = '1602051234560001';
const place = 'Kayu Agung, 29-11-2026';
const big = family(14);
const small = family(4);
const head = big[0]!;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const pageText = (file: string, page: number, raw = false) =>
  tool(
    'pdftotext',
    [...(raw ? ['-raw'] : []), '-f', String(page), '-l', String(page), file, '-'],
    'poppler-utils',
  ).toString('utf8');

const kkData = (over: Partial<KkData>): KkData => ({
  kkNumber: KK_NUMBER,
  headName: head.name,
  address: ADDRESS,
  members: big,
  issuedOn: '2026-11-29',
  proposedNote: null,
  issued: null,
  isTraining: false,
  ...over,
});

const moving = {
  applicant: { nik: head.nik, name: head.name },
  kkNumber: KK_NUMBER,
  headName: head.name,
  origin: ADDRESS,
  destination: { address: 'JL. MERDEKA 1', rt: '001', rw: '002', region: 'SUKAMAJU, PALEMBANG' },
  reason: 'Pekerjaan',
  classification: 'Antar kabupaten/kota',
  members: small
    .slice(0, 3)
    .map((m) => ({ nik: m.nik, name: m.name, relationship: m.relationship })),
};

const child = { ...small[3]!, birthDate: '2019-03-04' };

const ktpData = (over: Partial<KtpElData>): KtpElData => ({
  nik: head.nik,
  name: head.name,
  birthPlace: 'KAYU AGUNG',
  birthDate: '1970-07-01',
  sex: 'LAKI-LAKI',
  bloodGroup: 'O',
  address: ADDRESS,
  religion: 'ISLAM',
  marital: 'KAWIN TERCATAT',
  occupation: 'PETANI/PEKEBUN',
  citizenship: 'WNI',
  portraitJpeg: null,
  signaturePng: null,
  issuedOn: '2026-11-29',
  issuedPlace: 'Ogan Komering Ilir',
  issued: null,
  isTraining: false,
  ...over,
});

/** Every template with the texts its printed PDF must carry. */
const CASES: Record<string, { rendered: Rendered; texts: string[]; isDraft: boolean }> = {
  'kk draft (14 members)': {
    rendered: kkHtml(kkData({})),
    texts: ['KARTU KELUARGA', KK_NUMBER, ...big.flatMap((m) => [m.name, m.nik ?? ''])],
    isDraft: true,
  },
  'kk issued': {
    rendered: kkHtml(kkData({ members: small, issued: ISSUED })),
    texts: ['KARTU KELUARGA', ...small.map((m) => m.name), 'Dikeluarkan Tanggal : 29-11-2026'],
    isDraft: false,
  },
  biodata: {
    rendered: biodataHtml({
      person: head,
      kkNumber: KK_NUMBER,
      headName: head.name,
      address: ADDRESS,
      issued: null,
      isTraining: false,
      placeDate: place,
    }),
    texts: ['BIODATA PENDUDUK WARGA NEGARA INDONESIA', head.name, head.nik ?? ''],
    isDraft: true,
  },
  'akta-kelahiran': {
    rendered: aktaKelahiranHtml({
      child: {
        nik: null,
        name: 'BAYI SAPUTRA',
        sex: 'LAKI-LAKI',
        birthPlace: 'KAYU AGUNG',
        birthDate: '2026-11-20',
      },
      fatherName: head.name,
      motherName: 'SITI AMINAH',
      issued: null,
      isTraining: false,
      placeDate: place,
    }),
    texts: ['KUTIPAN AKTA KELAHIRAN', 'BAYI SAPUTRA', '20-11-2026', head.name],
    isDraft: true,
  },
  'akta-kematian': {
    rendered: aktaKematianHtml({
      deceased: {
        nik: head.nik,
        name: head.name,
        sex: 'LAKI-LAKI',
        birthPlace: 'KAYU AGUNG',
        birthDate: '1970-07-01',
      },
      deathDate: '2026-11-01',
      deathPlace: 'RSUD KAYU AGUNG',
      reporterName: 'SITI SAPUTRA',
      issued: null,
      isTraining: false,
      placeDate: place,
    }),
    texts: ['KUTIPAN AKTA KEMATIAN', head.name, 'RSUD KAYU AGUNG', '01-11-2026'],
    isDraft: true,
  },
  'surat-pindah': {
    rendered: suratPindahHtml({ ...moving, issued: null, isTraining: false, placeDate: place }),
    texts: ['SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA', ...moving.members.map((m) => m.name)],
    isDraft: true,
  },
  kia: {
    rendered: kiaHtml({
      child,
      kkNumber: KK_NUMBER,
      headName: head.name,
      address: ADDRESS,
      validUntil: kiaValidUntil(child.birthDate, '2026-11-29'),
      hasPhoto: true,
      issuedOn: '2026-11-29',
      issued: null,
      isTraining: false,
    }),
    texts: ['KARTU IDENTITAS ANAK', child.name, child.nik ?? '', '03-03-2036'],
    isDraft: true,
  },
  'f-1.01': {
    rendered: f101Html({
      kkNumber: KK_NUMBER,
      headName: head.name,
      address: ADDRESS,
      phone: null,
      members: small,
      isTraining: false,
      placeDate: place,
    }),
    texts: ['FORMULIR BIODATA KELUARGA', 'F-1.01', head.name, small[1]!.name],
    isDraft: false,
  },
  'f-1.02': {
    rendered: f102Html({
      applicant: { nik: head.nik, name: head.name, kkNumber: KK_NUMBER, phone: null },
      address: ADDRESS,
      applicationNumber: 'OKI-KJU01-20261129-0001',
      services: [{ label: 'KK hilang atau rusak', isChecked: true }],
      details: [{ label: 'Data yang berubah', value: 'Status perkawinan' }],
      isTraining: false,
      placeDate: place,
    }),
    texts: [
      'FORMULIR PENDAFTARAN PERISTIWA KEPENDUDUKAN',
      'F-1.02',
      head.name,
      'OKI-KJU01-20261129-0001',
    ],
    isDraft: false,
  },
  'f-1.03': {
    rendered: f103Html({
      ...moving,
      direction: 'keluar',
      skpwniNumber: null,
      isTraining: false,
      placeDate: place,
    }),
    texts: ['FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK', 'F-1.03', head.name],
    isDraft: false,
  },
  'f-2.01': {
    rendered: f201Html({
      event: 'kematian',
      reporter: { nik: null, name: 'SITI SAPUTRA', relationship: 'Anak' },
      subject: {
        nik: head.nik,
        name: head.name,
        sex: 'LAKI-LAKI',
        birthPlace: 'KAYU AGUNG',
        birthDate: '1970-07-01',
      },
      father: { nik: null, name: null },
      mother: { nik: null, name: null },
      death: { date: '2026-11-01', place: 'RUMAH' },
      isTraining: false,
      placeDate: place,
    }),
    texts: [
      'FORMULIR PELAPORAN PENCATATAN SIPIL DI DALAM WILAYAH NKRI',
      'F-2.01',
      'SITI SAPUTRA',
      head.name,
    ],
    isDraft: false,
  },
  'ktp-el': {
    rendered: ktpElHtml(ktpData({})),
    texts: [
      head.nik ?? '',
      head.name,
      'KAYU AGUNG, 01-07-1970',
      'KAWIN TERCATAT',
      'PETANI/PEKEBUN',
      LIFETIME,
      'OGAN KOMERING ILIR',
    ],
    isDraft: true,
  },
  'ktp-el issued': {
    rendered: ktpElHtml(ktpData({ issued: ISSUED, citizenship: 'WNA' })),
    texts: [head.name, ': WNA : -', dmy(ISSUED.issuedAt)],
    isDraft: false,
  },
};

describe('print templates (HTML)', () => {
  it('are data: no scripts or external resources, text escaped, unverified items as a comment', () => {
    const hostile = { ...head, name: '<script>x()</script> & "Lee"' };
    const html = biodataHtml({
      person: hostile,
      kkNumber: null,
      headName: null,
      address: null,
      issued: null,
      isTraining: false,
      placeDate: place,
    }).html;
    expect(html).toContain('&lt;SCRIPT&gt;X()&lt;/SCRIPT&gt; &amp; &quot;LEE&quot;');
    for (const [name, { rendered }] of Object.entries(CASES)) {
      expect(rendered.html, name).not.toMatch(
        /<script|<link|<img|<iframe|src=|href=|url\(|@import/i,
      );
      expect(rendered.html, name).toContain('<!-- UNVERIFIED');
    }
    for (const list of Object.values(UNVERIFIED)) expect(list.length).toBeGreaterThan(0);
    expect(CASES['kk draft (14 members)']?.rendered.html).toContain(UNVERIFIED.kk[0]);
  });

  it('embeds the KTP-el portrait and signature as data URLs, nothing from outside', () => {
    const { html } = ktpElHtml(
      ktpData({ portraitJpeg: portraitJpeg(), signaturePng: signaturePng(600, 200) }),
    );
    const sources = [...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1]?.split(',')[0]);
    expect(sources).toEqual(['data:image/jpeg;base64', 'data:image/png;base64']);
    expect(html).not.toMatch(/<script|<link|<iframe|href=|url\(|@import/i);
  });

  it('prints dates as KKs do and computes the KIA validity', () => {
    expect(dmy('2026-10-15')).toBe('15-10-2026');
    expect(dmy('2026-11-29T18:30:00.000Z')).toBe('30-11-2026');
    expect(dmy(null)).toBe('-');
    expect(kiaValidUntil('2023-05-10', '2026-11-29')).toBe('2028-05-10');
    expect(kiaValidUntil('2019-03-04', '2026-11-29')).toBe('2036-03-03');
    expect(kiaValidUntil('2012-01-01', '2026-11-29')).toBe('2028-12-31');
  });

  it('marks a proposed KK member and lays out ceil(members / 10) pages', () => {
    const proposed = kkHtml(
      kkData({
        members: [...small, { ...small[0]!, name: 'BAYI BARU', isProposed: true }],
        proposedNote: 'Anggota yang diusulkan dalam permohonan OKI-1.',
      }),
    );
    expect(proposed.html).toContain('BAYI BARU *');
    expect(proposed.html).toContain('* Anggota yang diusulkan dalam permohonan OKI-1.');
    expect(proposed.pages).toBe(1);
    expect(kkHtml(kkData({ members: family(MEMBERS_PER_PAGE + 1) })).pages).toBe(2);
    expect(kkHtml(kkData({ members: [] })).pages).toBe(1);
  });
});

describe('print templates rendered by Chromium', () => {
  const files: Record<string, string> = {};
  beforeAll(async () => {
    const printer = new ChromiumPrinter(chromium);
    const entries = Object.entries(CASES);
    // Two at a time: each launch is a Chromium process on a 2-core machine.
    for (let i = 0; i < entries.length; i += 2) {
      await Promise.all(
        entries.slice(i, i + 2).map(async ([name, c]) => {
          files[name] = pdfFile(
            await printer.toPdf({ kind: 'document', copies: 1, html: c.rendered.html }),
          );
        }),
      );
    }
  }, 120_000);

  it('prints every text, on the pages the layout says, with the watermark on every draft page', () => {
    for (const [name, c] of Object.entries(CASES)) {
      const file = files[name] ?? '';
      const text = flat(pdfText(file));
      for (const wanted of c.texts) expect(text, `${name}: ${wanted}`).toContain(wanted);
      const { pages } = pdfPage(file);
      expect(pages, name).toBe(c.rendered.pages);
      for (let page = 1; page <= pages; page++) {
        const onPage = flat(pageText(file, page));
        // The big diagonal DRAF is real text: pdftotext -raw reads it as its own line.
        const isDiagonal = pageText(file, page, true)
          .split('\n')
          .some((l) => l.trim() === 'DRAF');
        if (c.isDraft) {
          expect(onPage, `${name} p${page}`).toContain(DRAFT_LINE);
          expect(onPage, `${name} p${page}`).toContain(DRAFT_NOTE);
          expect(isDiagonal, `${name} p${page}`).toBe(true);
        } else {
          expect(onPage, `${name} p${page}`).not.toMatch(
            /DRAF|BUKAN DOKUMEN RESMI|Belum diterbitkan/,
          );
        }
      }
    }
  });

  it('spreads a 14-member KK over two landscape A4 pages', () => {
    const file = files['kk draft (14 members)'] ?? '';
    const page = pdfPage(file);
    expect(page.pages).toBe(2);
    expect(Math.round(page.widthPt)).toBe(842);
    expect(Math.round(page.heightPt)).toBe(595);
    expect(flat(pageText(file, 2))).toContain(big[13]!.name);
    expect(flat(pageText(file, 1))).not.toContain(big[13]!.name);
  });

  it('prints an issued KK clean, with a QR code that decodes to the district payload', () => {
    const file = files['kk issued'] ?? '';
    const prefix = join(mkdtempSync(join(tmpdir(), 'lm-kkqr-')), 'page');
    tool('pdftoppm', ['-r', '200', '-png', '-singlefile', file, prefix], 'poppler-utils');
    const decoded = tool('zbarimg', ['--raw', '-q', `${prefix}.png`], 'zbar-tools').toString(
      'utf8',
    );
    expect(decoded.trim()).toBe(ISSUED.qrPayload);
    expect(flat(pdfText(file))).toContain(ISSUED.documentNumber);
  });

  it('prints the KIA and the KTP-el on a CR80 page (85.6 × 54 mm)', () => {
    for (const kind of ['kia', 'ktp-el']) {
      const page = pdfPage(files[kind] ?? '');
      expect(page.pages).toBe(1);
      expect(Math.abs(page.widthPt - (85.6 / 25.4) * 72)).toBeLessThan(1);
      expect(Math.abs(page.heightPt - (54 / 25.4) * 72)).toBeLessThan(1);
    }
  });
});
