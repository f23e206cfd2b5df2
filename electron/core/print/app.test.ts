import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChromiumPrinter } from '../../server/printer.chromium';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { pdfFile, pdfText } from '../../testing/pdf-tools';
import type { PrintJob, Printer } from '../ports';
import { createTestStation, type TestStation } from '../../testing/station';
import { DRAFT_LINE } from './templates/frame';

const chromium = process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium';
const operator = {
  role: 'operator',
  userName: 'Sri Wahyuni',
  mode: 'officer',
  userId: 'u-op',
} as const;
const admin = {
  role: 'admin',
  userName: 'Rina Admin',
  mode: 'officer',
  userId: 'u-admin',
} as const;
const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;
const FAKE_PDF = Buffer.from('%PDF-1.4 fake archive');

let station: TestStation;
let connections = 0;
const connect = (session: typeof operator | typeof admin | typeof kiosk = operator): Client =>
  memoryPair(station.dispatcher, `print-${connections++}`, session);

/** Counts calls and keeps the jobs; renders a fixed fake PDF. */
function countingPrinter(
  printers: string[] = [],
  outcome = { printed: true as boolean, reason: '' },
) {
  const calls = { print: [] as PrintJob[], toPdf: 0 };
  const printer: Printer = {
    print: (job) => {
      calls.print.push(job);
      return Promise.resolve(
        outcome.printed ? { printed: true, pdf: null } : { printed: false, reason: outcome.reason },
      );
    },
    toPdf: () => {
      calls.toPdf += 1;
      return Promise.resolve(new Uint8Array(FAKE_PDF));
    },
    list: () => Promise.resolve(printers),
  };
  station.ports.printer = printer;
  return calls;
}

async function open(host: 'electron' | 'station-server') {
  station = await createTestStation({ host });
}
beforeEach(() => open('station-server'));
afterEach(() => station.dispose());

const sql = <T>(query: string, ...params: unknown[]) =>
  station.deps.sqlite.prepare(query).all(...params) as T[];
const one = <T>(query: string, ...params: unknown[]) => sql<T>(query, ...params)[0] as T;

/** The demo registry's largest family, an adult and a child. */
function registry() {
  const kk = one<{ kk_number: string; n: number }>(
    'SELECT kk_number, count(*) n FROM residents GROUP BY kk_number ORDER BY n DESC, kk_number LIMIT 1',
  );
  const members = sql<{ name: string; nik: string; id: number }>(
    'SELECT name, nik, id FROM residents WHERE kk_number = ? ORDER BY relationship',
    kk.kk_number,
  );
  const adult = one<{ id: number; nik: string }>(
    "SELECT id, nik FROM residents WHERE birth_date < '1990-01-01' ORDER BY id LIMIT 1",
  );
  const child = one<{ id: number; nik: string }>(
    "SELECT id, nik FROM residents WHERE birth_date > '2015-01-01' AND marital_status = 1 ORDER BY id LIMIT 1",
  );
  return { kk: kk.kk_number, members, adult, child, head: members[0]! };
}

function insertApplication(
  service: string,
  fields: Record<string, string>,
  nik: string,
  kk: string | null,
) {
  const id = `0193a000-0000-7000-8000-${String(connections++).padStart(12, '0')}`;
  station.deps.sqlite
    .prepare(
      `INSERT INTO applications (id, number, service_code, status, applicant_nik, applicant_kk, applicant_name,
        fields, channel, created_at, unit_id, is_training) VALUES (?, ?, ?, 'diverifikasi', ?, ?, ?, ?, 'kiosk', ?, ?, 1)`,
    )
    .run(
      id,
      `OKI-TEST-20261129-${id.slice(-4)}`,
      service,
      nik,
      kk,
      fields['pemohon-nama'] ?? null,
      JSON.stringify(fields),
      '2026-11-29T02:00:00.000Z',
      station.deps.unit.unit_id,
    );
  return { id, number: `OKI-TEST-20261129-${id.slice(-4)}` };
}

const logRows = () =>
  sql<{
    copy_number: number;
    is_reprint: number;
    reprint_reason: string | null;
    is_printed: number;
    printer_name: string | null;
    subject_label: string;
    run_id: string;
  }>('SELECT * FROM print_log ORDER BY seq');
const stock = () =>
  sql<{ item: string; kind: string; delta: number; print_run_id: string | null }>(
    'SELECT item, kind, delta, print_run_id FROM stock_movements ORDER BY seq',
  );
const audits = (action: string) =>
  sql<{ detail: string; subject_hash: string | null }>(
    'SELECT detail, subject_hash FROM audit_log WHERE action = ? ORDER BY seq',
    action,
  ).map((a) => ({
    ...(JSON.parse(a.detail) as Record<string, unknown>),
    hasSubject: a.subject_hash !== null,
  }));

describe('print-documents and print-preview', () => {
  it('offers the kinds of each subject, with what was printed, and refuses the unknown', async () => {
    const { kk, adult, child } = registry();
    const client = connect();
    expect(await client.send('print-documents', { subject: { kkNumber: kk } })).toEqual({
      ok: true,
      value: [
        expect.objectContaining({ kind: 'kk', paper: 'document', isDraft: true, printedCopies: 0 }),
        expect.objectContaining({
          kind: 'f-1.01',
          paper: 'form',
          isDraft: false,
          printedCopies: 0,
        }),
      ],
    });
    const kinds = async (subject: Parameters<Client['send']>[1]) => {
      const r = await client.send('print-documents', subject as never);
      return r.ok ? (r.value as { kind: string }[]).map((d) => d.kind) : r.error.code;
    };
    expect(await kinds({ subject: { residentRef: `r${adult.id}` } })).toEqual(['biodata']);
    expect(await kinds({ subject: { residentRef: `r${child.id}` } })).toEqual(['biodata', 'kia']);
    const app = insertApplication('kk-baru', { 'pemohon-nik': adult.nik }, adult.nik, null);
    expect(await kinds({ subject: { applicationId: app.id } })).toEqual(['kk', 'f-1.02', 'f-1.01']);
    const marriage = insertApplication('akta-perkawinan', {}, adult.nik, null);
    expect(await kinds({ subject: { applicationId: marriage.id } })).toEqual([]);
    expect(await kinds({ subject: { kkNumber: '1602059999999999' } })).toBe('NOT_FOUND');
    expect(await kinds({ subject: { applicationId: 'nope' } })).toBe('NOT_FOUND');
    const refused = await connect(kiosk).send('print-documents', { subject: { kkNumber: kk } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('previews the exact HTML of an application KK with the proposed member, and audits it', async () => {
    const { kk, members, head } = registry();
    const app = insertApplication(
      'kk-tambah-anggota',
      {
        'pemohon-nik': head.nik,
        'pemohon-no-kk': kk,
        'subjek-nama': 'BAYI BARU LAHIR',
        'anggota-shdk': '4',
      },
      head.nik,
      kk,
    );
    const client = connect();
    const preview = await client.send('print-preview', {
      kind: 'kk',
      subject: { applicationId: app.id },
    });
    expect(preview).toMatchObject({
      ok: true,
      value: { kind: 'kk', isDraft: true, pageMm: { width: 297, height: 210 }, pages: 1 },
    });
    if (!preview.ok) return;
    for (const m of members)
      expect(preview.value.html).toContain(m.name.toUpperCase().replace(/'/g, '&#39;'));
    expect(preview.value.html).toContain('BAYI BARU LAHIR *');
    expect(preview.value.html).toContain(`permohonan ${app.number}`);
    expect(preview.value.html).toContain(DRAFT_LINE);
    expect(preview.value.unverified.length).toBeGreaterThan(0);
    expect(audits('print.previewed')).toEqual([
      { kind: 'kk', subjectLabel: app.number, hasSubject: true },
    ]);
    const notOffered = await client.send('print-preview', {
      kind: 'kia',
      subject: { kkNumber: kk },
    });
    expect(notOffered).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'NOT_PRINTABLE' },
    });
  });
});

describe('print-run', () => {
  it('station server: returns the PDF, logs copies, and refuses a reprint without a reason', async () => {
    const calls = countingPrinter(['ignored']);
    const { adult } = registry();
    const client = connect();
    const subject = { residentRef: `r${adult.id}` };
    const first = await client.send('print-run', { kind: 'biodata', subject, copies: 1 });
    expect(first).toMatchObject({
      ok: true,
      value: {
        copyNumbers: [1],
        isDraft: true,
        isPrinted: false,
        reason: 'browser',
        printerName: null,
      },
    });
    expect(calls.print).toHaveLength(0);
    if (!first.ok) return;
    expect(Buffer.from(first.value.pdfBase64 ?? '', 'base64')).toEqual(FAKE_PDF);

    const auditsBefore = audits('print.document').length;
    for (const reprintReason of [undefined, '   ', 'abcd', 'x'.repeat(301)]) {
      const refused = await client.send('print-run', {
        kind: 'biodata',
        subject,
        copies: 1,
        reprintReason,
      });
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_ARGS',
          reason: 'REPRINT_REASON_REQUIRED',
          fields: ['reprintReason'],
        },
      });
    }
    expect(logRows()).toHaveLength(1);
    expect(audits('print.document')).toHaveLength(auditsBefore);
    expect(calls.toPdf).toBe(1);

    const again = await client.send('print-run', {
      kind: 'biodata',
      subject,
      copies: 2,
      reprintReason: ' Kertas macet di printer ',
    });
    expect(again).toMatchObject({ ok: true, value: { copyNumbers: [2, 3] } });
    expect(logRows().map((r) => [r.copy_number, r.is_reprint, r.reprint_reason])).toEqual([
      [1, 0, null],
      [2, 1, 'Kertas macet di printer'],
      [3, 1, 'Kertas macet di printer'],
    ]);
    // The label is the masked NIK, never the full one.
    expect(
      logRows().every(
        (r) => r.subject_label === `NIK ${adult.nik.slice(0, 6)}********${adult.nik.slice(14)}`,
      ),
    ).toBe(true);
    expect(JSON.stringify(audits('print.document'))).not.toContain(adult.nik);
    expect(audits('print.document').at(-1)).toMatchObject({
      kind: 'biodata',
      copies: 2,
      copyNumbers: [2, 3],
      isReprint: true,
      reason: 'Kertas macet di printer',
      hasSubject: true,
    });
    const runs = new Set(logRows().map((r) => r.run_id));
    const archived = sql<{ run_id: string; bytes: Buffer; sha256: string }>(
      'SELECT * FROM print_archive',
    );
    expect(new Set(archived.map((a) => a.run_id))).toEqual(runs);
    for (const a of archived) {
      expect(Buffer.from(a.bytes)).toEqual(FAKE_PDF);
      expect(a.sha256).toBe(createHash('sha256').update(FAKE_PDF).digest('hex'));
    }
    const documents = await client.send('print-documents', { subject });
    expect(documents.ok && documents.value[0]?.printedCopies).toBe(3);
  });

  it('Electron: prints to the configured printer per paper, and logs a failed print with its reason', async () => {
    await station.dispose();
    await open('electron');
    const calls = countingPrinter(['HP-A4', 'Evolis-Kartu']);
    const { kk, child } = registry();
    const set = await connect(admin).send('print-settings-set', {
      document: 'HP-A4',
      card: 'Evolis-Kartu',
      receipt: null,
    });
    expect(set).toMatchObject({
      ok: true,
      value: { document: 'HP-A4', available: ['HP-A4', 'Evolis-Kartu'] },
    });
    const client = connect();
    // The operator sees, before printing, where each paper goes.
    const previews = await Promise.all([
      client.send('print-preview', { kind: 'kk', subject: { kkNumber: kk } }),
      client.send('print-preview', { kind: 'kia', subject: { residentRef: `r${child.id}` } }),
    ]);
    expect(previews.map((p) => p.ok && p.value.printerName)).toEqual(['HP-A4', 'Evolis-Kartu']);
    const kkRun = await client.send('print-run', {
      kind: 'kk',
      subject: { kkNumber: kk },
      copies: 2,
    });
    expect(kkRun).toMatchObject({
      ok: true,
      value: { isPrinted: true, reason: null, printerName: 'HP-A4', copyNumbers: [1, 2] },
    });
    if (!kkRun.ok) return;
    expect(Buffer.from(kkRun.value.pdfBase64 ?? '', 'base64')).toEqual(FAKE_PDF);
    // A card needs its blank and a ribbon print on hand: refused before printing, nothing written.
    const kia = { kind: 'kia', subject: { residentRef: `r${child.id}` }, copies: 1 } as const;
    const before = [logRows().length, stock().length, calls.toPdf];
    expect(await client.send('print-run', kia)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'BLANKS_EMPTY', fields: ['blanko-kia'] },
    });
    expect([logRows().length, stock().length, calls.toPdf]).toEqual(before);
    for (const item of ['blanko-kia', 'ribbon'] as const)
      await client.send('stock-move', { item, kind: 'received', count: 5, note: 'BAST 12/2026' });
    expect(await client.send('print-run', kia)).toMatchObject({
      ok: true,
      value: { isPrinted: true },
    });
    expect(calls.print.map((j) => [j.kind, j.deviceName, j.copies])).toEqual([
      ['document', 'HP-A4', 2],
      ['card', 'Evolis-Kartu', 1],
    ]);
    expect(calls.print[0]?.html).toContain('KARTU KELUARGA');
    // The KK (plain paper) used nothing; the KIA used one blank and one ribbon print.
    const kiaRun = logRows().at(-1)?.run_id;
    expect(stock().filter((m) => m.kind === 'used')).toEqual([
      { item: 'blanko-kia', kind: 'used', delta: -1, print_run_id: kiaRun },
      { item: 'ribbon', kind: 'used', delta: -1, print_run_id: kiaRun },
    ]);

    countingPrinter(['HP-A4'], { printed: false, reason: 'Kertas habis' });
    const failed = await client.send('print-run', {
      kind: 'f-1.01',
      subject: { kkNumber: kk },
      copies: 1,
    });
    expect(failed).toMatchObject({
      ok: true,
      value: { isPrinted: false, reason: 'Kertas habis', isDraft: false },
    });
    const last = logRows().at(-1);
    expect(last).toMatchObject({ is_printed: 0, printer_name: 'HP-A4' });
    expect(sql('SELECT 1 FROM print_archive WHERE run_id = ?', last?.run_id)).toHaveLength(1);
    // On Electron a card that did not print uses no blank.
    const usedBefore = stock().length;
    const jammed = await client.send('print-run', { ...kia, reprintReason: 'Kartu pertama rusak' });
    expect(jammed).toMatchObject({ ok: true, value: { isPrinted: false, reason: 'Kertas habis' } });
    expect(logRows().at(-1)).toMatchObject({ is_printed: 0, copy_number: 2 });
    expect(stock()).toHaveLength(usedBefore);
  });

  it('renders through real Chromium: the archived PDF is the returned one and reads back', async () => {
    station.ports.printer = new ChromiumPrinter(chromium);
    const { kk, members } = registry();
    const run = await connect().send('print-run', {
      kind: 'kk',
      subject: { kkNumber: kk },
      copies: 1,
    });
    expect(run).toMatchObject({ ok: true, value: { isPrinted: false, reason: 'browser' } });
    if (!run.ok) return;
    const pdf = Buffer.from(run.value.pdfBase64 ?? '', 'base64');
    const text = pdfText(pdfFile(pdf)).replace(/\s+/g, ' ');
    for (const m of members) expect(text).toContain(m.name.toUpperCase());
    for (const m of members) expect(text).toContain(m.nik);
    expect(text).toContain('DRAF — BUKAN DOKUMEN RESMI');
    const archived = one<{ bytes: Buffer }>('SELECT bytes FROM print_archive');
    expect(Buffer.from(archived.bytes)).toEqual(pdf);
  }, 60_000);
});

describe('print-log and printer settings', () => {
  it('lists newest first, pages by seq, filters by Jakarta day', async () => {
    countingPrinter();
    const { kk, adult } = registry();
    const client = connect();
    await client.send('print-run', { kind: 'kk', subject: { kkNumber: kk }, copies: 2 });
    await client.send('print-run', {
      kind: 'biodata',
      subject: { residentRef: `r${adult.id}` },
      copies: 1,
    });
    const all = await client.send('print-log', { limit: 10 });
    expect(
      all.ok && all.value.map((e) => [e.kind, e.copyNumber, e.userName, e.isArchived]),
    ).toEqual([
      ['biodata', 1, 'Sri Wahyuni', true],
      ['kk', 2, 'Sri Wahyuni', true],
      ['kk', 1, 'Sri Wahyuni', true],
    ]);
    if (!all.ok) return;
    expect(all.value[0]).toMatchObject({
      title: { id: 'Biodata Penduduk WNI' },
      isDraft: true,
      isPrinted: false,
      isReprint: false,
    });
    const next = await client.send('print-log', { limit: 10, beforeSeq: all.value[1]?.seq });
    expect(next.ok && next.value.map((e) => e.copyNumber)).toEqual([1]);
    // The fixed clock is 2026-11-29 09:00 WIB.
    const today = await client.send('print-log', { limit: 10, day: '2026-11-29' });
    expect(today.ok && today.value).toHaveLength(3);
    const yesterday = await client.send('print-log', { limit: 10, day: '2026-11-28' });
    expect(yesterday.ok && yesterday.value).toHaveLength(0);
    expect(await client.send('print-log', { limit: 10, day: '2026-02-30' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS' },
    });
  });

  it('refuses a printer the host does not have, changes nothing, and audits a change', async () => {
    countingPrinter(['HP-A4']);
    const client = connect(admin);
    const refused = await client.send('print-settings-set', {
      document: 'HP-A4',
      card: 'Nope',
      receipt: null,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'UNKNOWN_PRINTER', fields: ['card'] },
    });
    expect(await client.send('print-settings-get', {})).toEqual({
      ok: true,
      value: { document: null, card: null, receipt: null, available: ['HP-A4'] },
    });
    expect(audits('printer.settings-changed')).toHaveLength(0);
    // A host that lists no printers (the station server) cannot tell a wrong name.
    countingPrinter([]);
    expect(
      await client.send('print-settings-set', { document: 'Any', card: null, receipt: 'Termal' }),
    ).toMatchObject({ ok: true });
    expect(audits('printer.settings-changed')).toEqual([
      { document: 'Any', card: null, receipt: 'Termal', hasSubject: false },
    ]);
    expect(await connect().send('print-settings-get', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
