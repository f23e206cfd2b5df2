import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HUB_BACKENDS } from '../../testing/hub';
import { hubFingerprint, startTestOffice } from '../../testing/office';
import { decisionWorld, type DecisionWorld } from '../../testing/office-decision';
import { siakLikePdf } from '../../testing/siak-pdf';
import { MAX_PDF_BYTES } from '../../protocol/documents';
import { updatesFor } from '../updates';
import { OfficeError } from './handler';
import { jakartaDayOf } from './numbering';

/**
 * The back-office decisions (issue 15 item 5) on both hub databases: line marks and proposals
 * under the claim, four eyes at issue, the numbering (unique under concurrent issues), the SIAK
 * PDF's checks, reject and return. The station side of a PDF is in decision-station.test.ts.
 */

/** The refusal a call ends in, as [status, reason]. */
async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OfficeError) return [error.status, error.reason];
    throw error;
  }
  throw new Error('the call was not refused');
}

const TODAY = '2026-11-29';

describe.each(HUB_BACKENDS)('back-office decisions (%s)', (backend) => {
  let t: DecisionWorld;
  beforeEach(async () => {
    t = await decisionWorld(backend);
  });
  afterEach(async () => t.dispose());

  const claim = (user: keyof DecisionWorld['users'], applicationId: string) =>
    t.office(t.users[user], 'queue-claim', { applicationId });
  const proposeIssue = async (applicationId: string) => {
    await claim('vera', applicationId);
    return t.office(t.users.vera, 'decision-propose', {
      applicationId,
      proposal: 'issue',
      kind: 'kk',
    });
  };
  const count = async (table: 'documents' | 'office_line_marks' | 'office_document_pdfs') =>
    Number(
      (
        await t.world.hub.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('marks lines and proposes under the claim; a proposal ends the claim', async () => {
    const { id } = await t.sendApplication();
    const before = await hubFingerprint(t.world.hub.db);
    const sesuai = { applicationId: id, lines: [{ requirementCode: 'ktp-el', state: 'sesuai' }] };
    expect(await refusal(t.office(t.users.vera, 'decision-lines', sesuai as never))).toEqual([
      409,
      'NOT_CLAIMED',
    ]);
    expect(await hubFingerprint(t.world.hub.db)).toEqual(before);
    await claim('vera', id);
    expect(await refusal(t.office(t.users.vino, 'decision-lines', sesuai as never))).toEqual([
      409,
      'CLAIMED',
    ]);
    const lines = (state: 'sesuai' | 'kurang', note?: string) =>
      t.office(t.users.vera, 'decision-lines', {
        applicationId: id,
        lines: [
          { requirementCode: 'ktp-el', state: 'sesuai' },
          { requirementCode: 'kk-rusak', state, ...(note ? { note } : {}) },
        ],
      });
    expect(await refusal(lines('kurang'))).toEqual([400, 'NOTE_REQUIRED']);
    expect(await count('office_line_marks')).toBe(0);
    expect(
      await refusal(
        t.office(t.users.vera, 'decision-lines', {
          applicationId: id,
          lines: [{ requirementCode: '../../etc/passwd', state: 'sesuai' }],
        }),
      ),
    ).toEqual([400, 'UNKNOWN_REQUIREMENT']);
    const marked = await lines('kurang', 'Foto KK rusak tidak terbaca');
    expect(marked.lines.map((l) => [l.code, l.photos, l.mark?.state])).toEqual(
      expect.arrayContaining([
        ['ktp-el', 1, 'sesuai'],
        ['kk-rusak', 1, 'kurang'],
      ]),
    );
    const issue = { applicationId: id, proposal: 'issue' as const, kind: 'kk' as const };
    expect(await refusal(t.office(t.users.vera, 'decision-propose', issue))).toEqual([
      409,
      'LINES_OPEN',
    ]);
    expect(
      await refusal(t.office(t.users.vera, 'decision-propose', { ...issue, kind: undefined })),
    ).toEqual([400, 'KIND_REQUIRED']);
    expect(
      await refusal(
        t.office(t.users.vera, 'decision-propose', { applicationId: id, proposal: 'reject' }),
      ),
    ).toEqual([400, 'NOTE_REQUIRED']);
    await lines('sesuai');
    const proposed = await t.office(t.users.vera, 'decision-propose', issue);
    expect(proposed).toMatchObject({
      officeStatus: 'diusulkan',
      claimedBy: null,
      proposal: { proposal: 'issue', kind: 'kk', proposedBy: 'user-vera' },
      suggestedKind: 'kk',
    });
    const actions = await t.world.hub.db
      .selectFrom('office_audit')
      .select('action')
      .where('action', 'like', 'decision.%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'decision.lines-marked',
      'decision.lines-marked',
      'decision.proposed',
    ]);
  });

  it('four eyes: the proposer, later a penandatangan, cannot issue; no issue proposal is 409', async () => {
    const { id } = await t.sendApplication();
    await claim('putri', id);
    const issue = {
      applicationId: id,
      kind: 'kk' as const,
      documentNumber: `1602-KK-29112026-0001`,
      issueDate: TODAY,
    };
    expect(await refusal(t.office(t.users.putri, 'decision-issue', issue))).toEqual([
      409,
      'NO_ISSUE_PROPOSAL',
    ]);
    await t.office(t.users.putri, 'queue-release', { applicationId: id });
    await proposeIssue(id);
    // Vera's account is promoted to penandatangan: still her own proposal.
    const promoted = { ...t.users.vera, role: 'penandatangan' as const };
    await t.office(promoted, 'queue-claim', { applicationId: id });
    const before = await hubFingerprint(t.world.hub.db);
    expect(await refusal(t.office(promoted, 'decision-issue', issue))).toEqual([403, 'FOUR_EYES']);
    expect(await hubFingerprint(t.world.hub.db)).toEqual(before);
    expect(await count('documents')).toBe(0);
  });

  it('issues with the district numbering and a SIAK PDF, signed into the document by hash', async () => {
    const { id } = await t.sendApplication();
    await proposeIssue(id);
    await claim('putri', id);
    const suggested = await t.office(t.users.putri, 'decision-number-suggest', { kind: 'kk' });
    expect(suggested.documentNumber).toBe('1602-KK-29112026-0001');
    const pdf = await siakLikePdf(['KARTU KELUARGA', `NOMOR ${suggested.documentNumber}`]);
    const issue = {
      applicationId: id,
      kind: 'kk' as const,
      documentNumber: suggested.documentNumber,
      issueDate: TODAY,
    };
    const before = await hubFingerprint(t.world.hub.db);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const refusals = [
      [{ pdfBase64: png.toString('base64') }, [400, 'NOT_A_PDF']],
      [{ pdfBase64: '%PDF-not base64!' }, [400, 'PDF_ENCODING']],
      [
        {
          pdfBase64: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(MAX_PDF_BYTES)]).toString(
            'base64',
          ),
        },
        [400, 'PDF_TOO_LARGE'],
      ],
      [{ documentNumber: '1602-KK-28112026-0001' }, [400, 'NUMBER_FORMAT']],
      [{ documentNumber: '1602-KK-29112026-00001' }, [400, 'NUMBER_FORMAT']],
      [{ issueDate: '2026-11-30' }, [400, 'ISSUE_DATE']],
      [{ issueDate: '2026-02-30' }, [400, 'ISSUE_DATE']],
      [
        { kind: 'akta-kelahiran' as const, documentNumber: '1602-LT-29112026-0001' },
        [409, 'KIND_DIFFERS'],
      ],
    ] as const;
    for (const [over, expected] of refusals)
      expect(
        await refusal(t.office(t.users.putri, 'decision-issue', { ...issue, ...over })),
      ).toEqual(expected);
    expect(await hubFingerprint(t.world.hub.db)).toEqual(before);

    const issued = await t.office(t.users.putri, 'decision-issue', {
      ...issue,
      pdfBase64: pdf.toString('base64'),
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(issued).toMatchObject({
      documentNumber: '1602-KK-29112026-0001',
      pdfSha256: sha256,
      state: {
        officeStatus: 'selesai',
        claimedBy: null,
        decision: { documentNumber: '1602-KK-29112026-0001', hasPdf: true },
      },
    });
    const stored = await t.world.hub.db
      .selectFrom('documents')
      .select('signed')
      .executeTakeFirstOrThrow();
    const signed = JSON.parse(stored.signed) as { document: Record<string, unknown> };
    expect(signed.document).toMatchObject({
      version: 2,
      pdfSha256: sha256,
      signerName: 'Putri Penandatangan',
      signerTitle: 'Kepala Seksi putri',
    });
    const kept = await t.world.hub.db
      .selectFrom('office_document_pdfs')
      .select('data')
      .executeTakeFirstOrThrow();
    expect(Buffer.from(kept.data).equals(pdf)).toBe(true);
    // Decided: nothing more is decided on it.
    expect(
      await refusal(
        t.office(t.users.putri, 'decision-reject', { applicationId: id, reason: 'Salah' }),
      ),
    ).toEqual([409, 'NOT_CLAIMED']);
  });

  it('the feed carries a SIAK PDF beside its document, within a bundle’s byte budget', async () => {
    const { id } = await t.sendApplication();
    await proposeIssue(id);
    await claim('putri', id);
    const pdf = await siakLikePdf(['KARTU KELUARGA', 'BUNDEL']);
    await t.office(t.users.putri, 'decision-issue', {
      applicationId: id,
      kind: 'kk',
      documentNumber: '1602-KK-29112026-0001',
      issueDate: TODAY,
      pdfBase64: pdf.toString('base64'),
    });
    const unit = t.world.station.deps.unit.unit_id;
    const at = t.world.hub.at();
    const all = await updatesFor(t.world.hub, unit, 0, at);
    const docs = all.updates.filter((u) => u.kind === 'issued-document');
    expect(docs).toHaveLength(1);
    expect(Buffer.from(String(docs[0]?.payload['pdfBase64']), 'base64').equals(pdf)).toBe(true);
    // The feed row itself names the PDF by hash only.
    const row = await t.world.hub.db
      .selectFrom('updates')
      .select('payload')
      .where('kind', '=', 'issued-document')
      .executeTakeFirstOrThrow();
    expect(row.payload).not.toContain('pdfBase64');
    // A budget of one byte: one update a bundle, never none, and `last` follows what went.
    let after = 0;
    let bundles = 0;
    for (;;) {
      const bundle = await updatesFor(t.world.hub, unit, after, at, 1000, 1);
      if (bundle.updates.length === 0) break;
      expect(bundle.updates).toHaveLength(1);
      expect(bundle.last).toBe(bundle.updates[0]?.seq);
      after = bundle.last;
      bundles += 1;
    }
    expect(bundles).toBe(all.updates.length);
  });

  it('a number is taken once: two issues at the same moment, one wins; suggestions skip it', async () => {
    const first = await t.sendApplication();
    const second = await t.sendApplication();
    for (const app of [first, second]) {
      await proposeIssue(app.id);
    }
    await claim('putri', first.id);
    await claim('panji', second.id);
    const number = (await t.office(t.users.putri, 'decision-number-suggest', { kind: 'kk' }))
      .documentNumber;
    const issue = (user: 'putri' | 'panji', applicationId: string) =>
      t.office(t.users[user], 'decision-issue', {
        applicationId,
        kind: 'kk',
        documentNumber: number,
        issueDate: TODAY,
      });
    const outcomes = await Promise.allSettled([
      issue('putri', first.id),
      issue('panji', second.id),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toMatchObject({
      status: 409,
      reason: 'NUMBER_TAKEN',
    });
    expect(await count('documents')).toBe(1);
    const loser = outcomes[0]?.status === 'rejected' ? 'putri' : 'panji';
    const loserApp = loser === 'putri' ? first.id : second.id;
    const next = await t.office(t.users[loser], 'decision-number-suggest', { kind: 'kk' });
    expect(next.documentNumber).toBe('1602-KK-29112026-0002');
    // A number typed ahead of the counter (0005) moves the counter there.
    await t.office(t.users[loser], 'decision-issue', {
      applicationId: loserApp,
      kind: 'kk',
      documentNumber: '1602-kk-29112026-0005',
      issueDate: TODAY,
    });
    expect(
      (await t.office(t.users.putri, 'decision-number-suggest', { kind: 'kk' })).documentNumber,
    ).toBe('1602-KK-29112026-0006');
  });

  it('the admin sets a kind’s numbering; a pattern that cannot make a number is refused', async () => {
    const admin = {
      id: 'user-admin',
      userName: 'admin',
      displayName: 'Admin',
      role: 'admin',
    } as const;
    const defaults = await t.office(admin, 'decision-numbering-get', {});
    expect(defaults.find((n) => n.kind === 'akta-kelahiran')).toMatchObject({
      isDefault: true,
      example: '1602-LT-29112026-0001',
    });
    for (const pattern of ['{regency}/{bogus}/', 'kk {yyyy}', '{code}<script>'])
      expect(
        await refusal(
          t.office(admin, 'decision-numbering-set', {
            kind: 'kk',
            pattern,
            width: 4,
            reset: 'yearly',
          }),
        ),
      ).toEqual([400, 'PATTERN_INVALID']);
    const set = await t.office(admin, 'decision-numbering-set', {
      kind: 'kk',
      pattern: '{regency}/{code}/{yyyy}/',
      width: 5,
      reset: 'yearly',
    });
    expect(set.find((n) => n.kind === 'kk')).toMatchObject({
      isDefault: false,
      example: '1602/KK/2026/00001',
      updatedBy: 'Admin',
    });
    expect(
      (await t.office(t.users.putri, 'decision-number-suggest', { kind: 'kk' })).documentNumber,
    ).toBe('1602/KK/2026/00001');
  });

  it('a rejection and a return are queued for the station with their text', async () => {
    const rejected = await t.sendApplication();
    const returned = await t.sendApplication();
    await claim('vera', rejected.id);
    await t.office(t.users.vera, 'decision-propose', {
      applicationId: rejected.id,
      proposal: 'reject',
      note: 'Bukan warga kabupaten ini',
    });
    await claim('putri', rejected.id);
    expect(
      await refusal(
        t.office(t.users.putri, 'decision-reject', { applicationId: rejected.id, reason: 'x' }),
      ),
    ).toEqual([400, 'REASON_REQUIRED']);
    const state = await t.office(t.users.putri, 'decision-reject', {
      applicationId: rejected.id,
      reason: 'Pemohon terdaftar di kabupaten lain',
    });
    expect(state).toMatchObject({
      officeStatus: 'ditolak',
      decision: {
        reason: 'Pemohon terdaftar di kabupaten lain',
        decidedByName: 'Putri Penandatangan',
      },
    });
    await claim('vino', returned.id);
    await t.office(t.users.vino, 'decision-return', {
      applicationId: returned.id,
      note: 'Foto KTP-el buram, mohon foto ulang',
    });
    const updates = await t.world.hub.db
      .selectFrom('updates')
      .select(['subject_id', 'payload'])
      .where('kind', '=', 'application-status')
      .where('subject_id', 'in', [rejected.id, returned.id])
      .orderBy('seq')
      .execute();
    const statuses = updates
      .map((u) => JSON.parse(u.payload) as { status: string; reason: string | null })
      .filter((p) => p.status !== 'dikirim')
      .map((p) => [p.status, p.reason]);
    expect(statuses).toEqual([
      ['ditolak', 'Pemohon terdaftar di kabupaten lain'],
      ['dikembalikan', 'Foto KTP-el buram, mohon foto ulang'],
    ]);
    expect(
      await refusal(t.office(t.users.vino, 'decision-get', { applicationId: 'nope' })),
    ).toEqual([404, 'NO_APPLICATION']);
  });
});

describe.each(HUB_BACKENDS)('decision-issue over HTTP (%s)', (backend) => {
  it('takes a 10 MiB PDF in its body and refuses a larger body unread (413)', async () => {
    const office = await startTestOffice({ backend });
    try {
      const signer = await office.signInAs('penandatangan');
      const args = (bytes: number) => ({
        applicationId: 'no-such-application',
        kind: 'kk',
        documentNumber: '1602-KK-29112026-0001',
        issueDate: jakartaDayOf(new Date()),
        pdfBase64: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(bytes - 5)]).toString(
          'base64',
        ),
      });
      const fits = await signer.call('decision-issue', args(MAX_PDF_BYTES));
      expect([fits.status, (fits.body as { reason: string }).reason]).toEqual([
        404,
        'NO_APPLICATION',
      ]);
      const before = await hubFingerprint(office.hub.db);
      const over = await signer.call('decision-issue', args(MAX_PDF_BYTES + 512 * 1024));
      expect(over.status).toBe(413);
      expect(await hubFingerprint(office.hub.db)).toEqual(before);
    } finally {
      await office.close();
    }
  });
});
