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
import { resolveSubject, type PrintSource } from './source';
import type { IssuedMark, Rendered } from './templates/frame';

export interface Prepared {
  source: PrintSource;
  rendered: Rendered;
  isDraft: boolean;
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
  const signed = JSON.parse(row.signed) as { signerName: string; signerTitle: string };
  return {
    documentNumber: row.document_number,
    issuedAt: row.issued_at,
    signerName: signed.signerName,
    signerTitle: signed.signerTitle,
    qrPayload: row.qr_payload,
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
  const issued = await issuedMark(deps, source, kind);
  const rendered = renderKind(deps, source, kind, issued);
  return ok({ source, rendered, isDraft: KINDS[kind].paper !== 'form' && issued === null });
}
