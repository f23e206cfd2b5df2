import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_BACKENDS } from '../../testing/hub';
import { decisionWorld, type DecisionWorld } from '../../testing/office-decision';
import { pdfFile, pdfText } from '../../testing/pdf-tools';
import { siakLikePdf } from '../../testing/siak-pdf';
import { TRAINING_TEXT, trainingTteSigner, useTteSigner } from './tte';

const SIGNER = { name: 'Putri Penandatangan', title: 'Kepala Seksi Dokumen' };
const AT = new Date('2026-11-29T02:00:00Z');

describe('the training TTE signer', () => {
  it('says "TTE PELATIHAN / training signature" in plain words on every page, and nothing official', async () => {
    const tte = trainingTteSigner();
    const pdf = await siakLikePdf(['KARTU KELUARGA']);
    expect(await tte.verify(pdf)).toEqual({ status: 'unsigned' });
    const signed = await tte.sign(pdf, SIGNER, AT);
    const text = pdfText(pdfFile(signed.pdf));
    expect(text).toContain('KARTU KELUARGA');
    expect(text).toContain(TRAINING_TEXT);
    expect(text).toContain('bukan tanda tangan elektronik resmi');
    // No imitation of the official marks: no BSrE wording, no QR image.
    expect(text).not.toMatch(/BSrE|Balai Sertifikasi/i);
    expect(Buffer.from(signed.pdf).toString('latin1')).not.toMatch(/\/Subtype\s*\/Image/);
    expect(signed.certificate).toMatchObject({ isTraining: true, serial: 'PELATIHAN' });
    expect(await tte.verify(signed.pdf)).toMatchObject({
      status: 'signed',
      signer: SIGNER,
      certificate: { isTraining: true },
    });
    expect(await tte.verify(Buffer.from('%PDF-1.7 not really'))).toMatchObject({
      status: 'invalid',
    });
  });
});

describe.each(HUB_BACKENDS)('issue through the TTE port (%s)', (backend) => {
  let t: DecisionWorld;
  afterEach(async () => t.dispose());

  it('signs an unsigned SIAK PDF for the penandatangan and stores the signed bytes', async () => {
    t = await decisionWorld(backend);
    useTteSigner(t.world.hub, trainingTteSigner());
    const { id } = await t.sendApplication();
    await t.office(t.users.vera, 'queue-claim', { applicationId: id });
    await t.office(t.users.vera, 'decision-propose', {
      applicationId: id,
      proposal: 'issue',
      kind: 'kk',
    });
    await t.office(t.users.putri, 'queue-claim', { applicationId: id });
    const pdf = await siakLikePdf(['KARTU KELUARGA', 'NOMOR 1602-KK-29112026-0001']);
    const issued = await t.office(t.users.putri, 'decision-issue', {
      applicationId: id,
      kind: 'kk',
      documentNumber: '1602-KK-29112026-0001',
      issueDate: '2026-11-29',
      pdfBase64: pdf.toString('base64'),
    });
    const kept = await t.world.hub.db
      .selectFrom('office_document_pdfs')
      .select('data')
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(kept.data);
    expect(issued.pdfSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.equals(pdf)).toBe(false);
    expect(pdfText(pdfFile(bytes))).toContain(TRAINING_TEXT);
    const audit = await t.world.hub.db
      .selectFrom('office_audit')
      .select('detail')
      .where('action', '=', 'decision.issued')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toMatchObject({ tte: { signer: 'training' } });
  });
});
