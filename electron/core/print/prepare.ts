import {
  failWith,
  fail,
  ok,
  type DocumentKind,
  type PrintSubject,
  type Result,
} from '../../contract';
import type { CoreDeps } from '../deps';
import { renderKind } from './fill';
import { KINDS } from './kinds';
import { siakPdf, siakPdfNotice, type SiakPdf } from './siak-pdf';
import { resolveSubject, type PrintSource } from './source';
import type { IssuedMark, Rendered } from './templates/frame';

export interface Prepared {
  source: PrintSource;
  /** The template, or for a SIAK PDF the notice the preview shows (siak-pdf.ts). */
  rendered: Rendered;
  isDraft: boolean;
  /** The district sent the document as a PDF from SIAK: exactly these bytes are printed. */
  pdf: SiakPdf | null;
}

/**
 * The district's issued mark for this document: the newest document of this kind the district
 * issued for this application or recording (pulled with the sync, docs/sync-protocol.md) and not
 * revoked since. Without one the document prints as a draft with the DRAF watermark.
 */
export async function issuedMark(
  deps: Pick<CoreDeps, 'db'>,
  source: PrintSource,
  kind: DocumentKind,
): Promise<IssuedMark | null> {
  return (await issuedRecord(deps, source, kind))?.mark ?? null;
}

/** The issued mark, and the sha-256 of the SIAK PDF when the district sent one. */
async function issuedRecord(
  deps: Pick<CoreDeps, 'db'>,
  source: PrintSource,
  kind: DocumentKind,
): Promise<{ mark: IssuedMark; pdfSha256: string | null } | null> {
  if (KINDS[kind].paper === 'form') return null;
  const applicationId = source.application?.row.id ?? null;
  const recordingId = source.recording?.row.id ?? null;
  if (!applicationId && !recordingId) return null;
  const row = await deps.db
    .selectFrom('issued_documents')
    .select(['document_number', 'issued_at', 'signed', 'qr_payload'])
    .where('kind', '=', kind)
    .where((eb) =>
      eb.or([
        ...(applicationId ? [eb('application_id', '=', applicationId)] : []),
        ...(recordingId ? [eb('recording_id', '=', recordingId)] : []),
      ]),
    )
    .where('document_number', 'not in', (qb) =>
      qb.selectFrom('revocations').select('document_number'),
    )
    .orderBy('issued_at', 'desc')
    .executeTakeFirst();
  if (!row) return null;
  const signed = JSON.parse(row.signed) as {
    signerName: string;
    signerTitle: string;
    pdfSha256?: string;
  };
  return {
    mark: {
      documentNumber: row.document_number,
      issuedAt: row.issued_at,
      signerName: signed.signerName,
      signerTitle: signed.signerTitle,
      qrPayload: row.qr_payload,
    },
    pdfSha256: signed.pdfSha256 ?? null,
  };
}

/** Resolves the subject and renders one kind: NOT_FOUND, or NOT_PRINTABLE for this subject. */
export async function prepare(
  deps: CoreDeps,
  kind: DocumentKind,
  subject: PrintSubject,
): Promise<Result<Prepared>> {
  const source = await resolveSubject(deps, subject);
  if (!source) return fail('NOT_FOUND', 'No such application, family or resident on this station');
  const blocked = source.recording?.blocked;
  if (kind === 'ktp-el' && blocked)
    return failWith('CONFLICT', blocked.reason, blocked.message, ['subject']);
  if (!source.kinds.includes(kind))
    return failWith('INVALID_ARGS', 'NOT_PRINTABLE', `${kind} is not printed for this subject`, [
      'kind',
    ]);
  const issued = await issuedRecord(deps, source, kind);
  if (issued?.pdfSha256) {
    const pdf = await siakPdf(deps, issued.mark.documentNumber, issued.pdfSha256);
    if (!pdf.ok) return pdf;
    const rendered = siakPdfNotice(issued.mark.documentNumber, pdf.value);
    return ok({ source, rendered, isDraft: false, pdf: pdf.value });
  }
  const rendered = renderKind(deps, source, kind, issued?.mark ?? null);
  const isDraft = KINDS[kind].paper !== 'form' && issued === null;
  return ok({ source, rendered, isDraft, pdf: null });
}
