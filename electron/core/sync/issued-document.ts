import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertIssuedDocument, insertIssuedPdf } from '../../../db/queries/sync-pull';
import type { Database } from '../../../db/schema';
import { verifyDocument } from '../../protocol/canonical';
import { verifyQrPayload } from '../../protocol/document-qr';
import {
  MAX_PDF_BYTES,
  isConsistentDocument,
  issuedDocumentPayload,
  issuedDocumentSchema,
} from '../../protocol/documents';
import { publicKeyFromRaw } from '../../protocol/packet/keys';

/**
 * An `issued-document` update at the station (docs/sync-protocol.md, "Pull"): the document must
 * carry the district's signature and a QR for its own number; a version 2 document names the
 * sha-256 of the PDF SIAK produced, and its bytes must be in the update and hash to it. Anything
 * else stores nothing: the outcome names why (kept in district_updates).
 */
export async function applyIssuedDocument(
  trx: Kysely<Database>,
  districtSigningKey: Uint8Array,
  payload: unknown,
  at: string,
): Promise<
  | { outcome: 'applied'; documentNumber: string; kind: string; pdfSha256: string | null }
  | { outcome: 'malformed' | 'bad-signature' | 'bad-qr' | 'pdf-missing' | 'pdf-mismatch' }
> {
  const inner = issuedDocumentPayload.safeParse(payload);
  const document = issuedDocumentSchema.safeParse(inner.success ? inner.data.document : null);
  if (!inner.success || !document.success || !isConsistentDocument(document.data))
    return { outcome: 'malformed' };
  const key = publicKeyFromRaw('ed25519', districtSigningKey);
  if (!verifyDocument(key, document.data)) return { outcome: 'bad-signature' };
  const qr = verifyQrPayload(districtSigningKey, inner.data.qr, () => null);
  if (qr.status !== 'valid' || qr.body.n !== document.data.documentNumber)
    return { outcome: 'bad-qr' };
  const expected = document.data.pdfSha256 ?? null;
  let pdf: Buffer | null = null;
  if (expected) {
    if (!inner.data.pdfBase64) return { outcome: 'pdf-missing' };
    pdf = Buffer.from(inner.data.pdfBase64, 'base64');
    const actual = createHash('sha256').update(pdf).digest('hex');
    if (pdf.length > MAX_PDF_BYTES || actual !== expected) return { outcome: 'pdf-mismatch' };
  }
  await insertIssuedDocument(trx, {
    document_number: document.data.documentNumber,
    kind: document.data.kind,
    application_id: document.data.applicationId,
    recording_id: document.data.recordingId,
    signed: JSON.stringify(document.data),
    qr_payload: inner.data.qr,
    issued_at: document.data.issuedAt,
    received_at: at,
  });
  if (pdf && expected)
    await insertIssuedPdf(trx, {
      document_number: document.data.documentNumber,
      sha256: expected,
      data: pdf,
      size: pdf.length,
      received_at: at,
    });
  return {
    outcome: 'applied',
    documentNumber: document.data.documentNumber,
    kind: document.data.kind,
    pdfSha256: expected,
  };
}
