import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { PdfPrintJob } from '../../core/ports';
import { RINA, desk, value } from '../../testing/desk';
import { HUB_BACKENDS, type HubBackend } from '../../testing/hub';
import { decisionWorld, type DecisionWorld } from '../../testing/office-decision';
import { pdfFile, pdfText } from '../../testing/pdf-tools';
import { siakLikePdf } from '../../testing/siak-pdf';
import { memoryPair } from '../../transport/memory-pair';
import { KIOSK } from '../../testing/desk';

/**
 * What the station does with the back-office's decisions (issue 15 item 5), on both hub
 * databases: an issued document with a SIAK PDF is stored only when its bytes hash to the signed
 * sha-256 and printed as exactly those bytes; a rejection's reason and a return's note reach the
 * kiosk status check; a return reopens the application at the desk, and sent again it is new in
 * the district's queue.
 */

const TODAY = '2026-11-29';
let t: DecisionWorld;
afterEach(async () => t.dispose());

const station = () => t.world.station;
const stationRows = (sql: string, ...params: unknown[]) =>
  station()
    .deps.sqlite.prepare(sql)
    .all(...params) as Record<string, unknown>[];
const officer = () =>
  memoryPair(station().dispatcher, `officer-${Math.random()}`, {
    role: 'operator',
    userName: 'Sri',
    userId: 'u-sri',
    mode: 'officer',
  });
const kiosk = () => memoryPair(station().dispatcher, `kiosk-${Math.random()}`, KIOSK);

/** Verifikator Vera proposes, penandatangan Putri issues a KK (with `pdf` when given). */
async function issueKk(id: string, pdf: Buffer | null): Promise<string> {
  await t.office(t.users.vera, 'queue-claim', { applicationId: id });
  await t.office(t.users.vera, 'decision-propose', {
    applicationId: id,
    proposal: 'issue',
    kind: 'kk',
  });
  await t.office(t.users.putri, 'queue-claim', { applicationId: id });
  const { documentNumber } = await t.office(t.users.putri, 'decision-number-suggest', {
    kind: 'kk',
  });
  await t.office(t.users.putri, 'decision-issue', {
    applicationId: id,
    kind: 'kk',
    documentNumber,
    issueDate: TODAY,
    ...(pdf ? { pdfBase64: pdf.toString('base64') } : {}),
  });
  return documentNumber;
}

describe.each(HUB_BACKENDS)('station and back-office decisions (%s)', (backend: HubBackend) => {
  it('prints exactly the SIAK PDF the district attached (no DRAF), and its QR verifies ASLI', async () => {
    t = await decisionWorld(backend);
    const { id } = await t.sendApplication();
    const pdf = await siakLikePdf(['KARTU KELUARGA', 'NOMOR 1602-KK-29112026-0001', 'TTE SIAK']);
    const number = await issueKk(id, pdf);
    const pulled = await t.pull();
    expect(pulled.applied).toBeGreaterThanOrEqual(2);
    expect(stationRows('SELECT status FROM applications WHERE id = ?', id)).toEqual([
      { status: 'selesai' },
    ]);
    const [stored] = stationRows(
      'SELECT sha256, size FROM issued_pdfs WHERE document_number = ?',
      number,
    );
    expect(stored).toEqual({
      sha256: createHash('sha256').update(pdf).digest('hex'),
      size: pdf.length,
    });

    const sri = officer();
    const subject = { applicationId: id };
    const documents = value(await sri.send('print-documents', { subject }));
    expect(documents.find((d) => d.kind === 'kk')?.isDraft).toBe(false);
    const preview = value(await sri.send('print-preview', { kind: 'kk', subject }));
    expect(preview.siakPdf?.sha256).toBe(stored?.sha256);
    const run = value(await sri.send('print-run', { kind: 'kk', subject, copies: 1 }));
    expect(run.isDraft).toBe(false);
    // The station server hands the browser the PDF: the very bytes, not a rendering of them.
    expect(Buffer.from(run.pdfBase64 ?? '', 'base64').equals(pdf)).toBe(true);
    const text = pdfText(pdfFile(run.pdfBase64 ?? ''));
    expect(text).toBe(pdfText(pdfFile(pdf)));
    expect(text).toContain(number);
    expect(text).not.toContain('DRAF');

    const [doc] = stationRows(
      'SELECT qr_payload FROM issued_documents WHERE document_number = ?',
      number,
    );
    const verified = value(
      await sri.send('sync-document-verify', { text: String(doc?.qr_payload) }),
    );
    expect(verified).toMatchObject({ status: 'valid', documentNumber: number });
  });

  it('an Electron desk sends the SIAK PDF to the printer unchanged', async () => {
    t = await decisionWorld(backend, { host: 'electron' });
    const printed: PdfPrintJob[] = [];
    station().ports.printer = {
      ...station().ports.printer,
      printPdf: (job) => {
        printed.push(job);
        return Promise.resolve({ printed: true, pdf: null });
      },
    };
    const { id } = await t.sendApplication();
    const pdf = await siakLikePdf(['KUTIPAN', 'UJI CETAK LANGSUNG']);
    await issueKk(id, pdf);
    await t.pull();
    const run = value(
      await officer().send('print-run', { kind: 'kk', subject: { applicationId: id }, copies: 2 }),
    );
    expect(run.isPrinted).toBe(true);
    expect(printed).toHaveLength(1);
    expect(printed[0]?.copies).toBe(2);
    expect(Buffer.from(printed[0]?.pdf ?? []).equals(pdf)).toBe(true);
  });

  it('refuses a PDF that does not hash to the signed document, at the pull and at the print', async () => {
    t = await decisionWorld(backend);
    const first = await t.sendApplication();
    const second = await t.sendApplication();
    const pdf = await siakLikePdf(['KARTU KELUARGA', 'ASLI']);
    await issueKk(first.id, pdf);
    // The hub's stored copy is altered: the signed bundle now carries other bytes than signed.
    await t.world.hub.db
      .updateTable('office_document_pdfs')
      .set({ data: await siakLikePdf(['KARTU KELUARGA', 'PALSU']) })
      .execute();
    await t.pull();
    expect(
      stationRows("SELECT outcome FROM district_updates WHERE kind = 'issued-document'"),
    ).toEqual([{ outcome: 'pdf-mismatch' }]);
    expect(stationRows('SELECT count(*) AS n FROM issued_documents')).toEqual([{ n: 0 }]);
    expect(stationRows('SELECT count(*) AS n FROM issued_pdfs')).toEqual([{ n: 0 }]);

    // A stored PDF altered on the station afterwards prints nothing.
    const good = await siakLikePdf(['KARTU KELUARGA', 'KEDUA']);
    await issueKk(second.id, good);
    await t.pull();
    station()
      .deps.sqlite.prepare('UPDATE issued_pdfs SET data = ?')
      .run(await siakLikePdf(['KARTU KELUARGA', 'DIUBAH']));
    const logged = stationRows('SELECT count(*) AS n FROM print_log');
    const run = await officer().send('print-run', {
      kind: 'kk',
      subject: { applicationId: second.id },
      copies: 1,
    });
    expect(run.ok ? null : run.error.reason).toBe('PDF_DAMAGED');
    expect(stationRows('SELECT count(*) AS n FROM print_log')).toEqual(logged);
  });

  it('the kiosk status check shows a rejection’s reason', async () => {
    t = await decisionWorld(backend);
    const app = await t.sendApplication();
    await t.office(t.users.putri, 'queue-claim', { applicationId: app.id });
    await t.office(t.users.putri, 'decision-reject', {
      applicationId: app.id,
      reason: 'Pemohon terdaftar di kabupaten lain',
    });
    await t.pull();
    const view = value(
      await kiosk().send('applications-status-check', { number: app.number, check: app.check }),
    );
    expect(view).toMatchObject({
      status: 'ditolak',
      statusLabel: { id: 'Ditolak' },
      note: { text: 'Pemohon terdaftar di kabupaten lain', from: 'district' },
    });
  });

  it('a return reopens the application at the desk with the note; sent again, it is new at the district', async () => {
    t = await decisionWorld(backend);
    const app = await t.sendApplication();
    await t.office(t.users.vera, 'queue-claim', { applicationId: app.id });
    await t.office(t.users.vera, 'decision-return', {
      applicationId: app.id,
      note: 'Foto KTP-el buram, mohon foto ulang',
    });
    await t.pull();
    const note = { text: 'Foto KTP-el buram, mohon foto ulang', from: 'district' };
    const status = value(
      await kiosk().send('applications-status-check', { number: app.number, check: app.check }),
    );
    expect(status).toMatchObject({ status: 'berkas-kurang', note });
    const rina = desk(station()).as(RINA);
    const inbox = value(
      await rina.send('desk-inbox', { status: 'berkas-kurang', offset: 0, limit: 10 }),
    );
    expect(inbox.items.map((i) => i.id)).toEqual([app.id]);
    const detail = value(await rina.send('desk-application-get', { id: app.id }));
    expect(detail).toMatchObject({ status: 'berkas-kurang', statusNote: note });
    expect(detail.allowedActions).toContain('claim');

    await t.deskDecide(app.id, 'approve');
    await t.sync();
    const row = await t.world.hub.db
      .selectFrom('office_applications')
      .selectAll()
      .where('application_id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ office_status: 'baru', proposal: null, decided_at: null });
    await t.pull();
    expect(stationRows('SELECT status FROM applications WHERE id = ?', app.id)).toEqual([
      { status: 'dikirim' },
    ]);
  });
});
