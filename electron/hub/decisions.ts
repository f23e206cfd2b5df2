import {
  countDocuments,
  documentByNumber,
  insertDocument,
  markDocumentRevoked,
  recordsOf,
} from '../../db/queries/hub-updates';
import { signDocument } from '../protocol/canonical';
import { ISSUED_DOCUMENT, type IssuedDocument } from '../protocol/documents';
import { makeQrPayload } from '../protocol/document-qr';
import type { Aggregate } from '../protocol/outbox';
import { keyId } from '../protocol/packet/keys';
import type { HubContext } from './context';
import { queueUpdate } from './updates';

/**
 * What district staff decide at the hub, and what stations pull back (docs/sync-protocol.md,
 * "Pull"): application decisions with an issued, signed document; recording statuses from
 * de-duplication; revocations. Every decision becomes an update in the `updates` feed.
 */

/** Document number codes per kind (the part after the regency code). */
const KIND_CODE: Record<string, string> = {
  kk: 'KK',
  biodata: 'BIO',
  'akta-kelahiran': 'LT',
  'akta-kematian': 'KM',
  'surat-pindah': 'SKPWNI',
  kia: 'KIA',
  'ktp-el': 'KTP',
};
const REGENCY = '1602';

export interface ApplicationDecision {
  applicationId: string;
  decision: 'issue' | 'reject';
  /** Required for reject (3..300 characters). */
  reason?: string | undefined;
  /** The document to issue (e.g. 'kk', 'akta-kelahiran'); required for issue. */
  kind?: string | undefined;
  signerName: string;
  signerTitle: string;
}

export type DecisionResult =
  { ok: true; documentNumber: string | null; unitId: string } | { ok: false; problem: string };

/**
 * Issues (with the district's signature and verification QR) or rejects an application that
 * arrived in a packet. The station shows the result after its next pull.
 */
export async function decideApplication(
  hub: HubContext,
  decision: ApplicationDecision,
  at: string,
): Promise<DecisionResult> {
  const records = await recordsOfAggregate(hub, 'application', decision.applicationId);
  const first = records[0];
  if (!first) return { ok: false, problem: `no application ${decision.applicationId} at the hub` };
  const submitted = JSON.parse(first.data) as Record<string, unknown>;
  if (decision.decision === 'reject') {
    const reason = decision.reason?.trim() ?? '';
    if (reason.length < 3 || reason.length > 300)
      return { ok: false, problem: 'a rejection needs a reason of 3 to 300 characters' };
    await queueUpdate(
      hub.db,
      {
        unitId: first.unit_id,
        kind: 'application-status',
        subjectId: decision.applicationId,
        payload: { status: 'ditolak', reason, by: decision.signerName, at },
      },
      at,
    );
    return { ok: true, documentNumber: null, unitId: first.unit_id };
  }
  const kind = decision.kind ?? '';
  const code = KIND_CODE[kind];
  if (!code) return { ok: false, problem: `unknown document kind ${kind}` };
  const documentNumber = await nextDocumentNumber(hub, code, at);
  const body: Omit<IssuedDocument, 'signature'> = {
    format: ISSUED_DOCUMENT,
    version: 1,
    documentNumber,
    kind,
    unitId: first.unit_id,
    applicationId: decision.applicationId,
    recordingId: null,
    data: {
      number: submitted.number ?? null,
      serviceCode: submitted.service_code ?? null,
      NIK: submitted.NIK ?? null,
      NO_KK: submitted.NO_KK ?? null,
      NAMA_LGKP: submitted.NAMA_LGKP ?? null,
      fields: submitted.fields ?? {},
    },
    issuedAt: at,
    signerName: decision.signerName,
    signerTitle: decision.signerTitle,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
  };
  const signed = signDocument(hub.keys.signing.privateKey, body);
  const qr = makeQrPayload(hub.keys.signing.privateKey, body);
  await hub.db.transaction().execute(async (trx) => {
    await insertDocument(trx, {
      document_number: documentNumber,
      unit_id: first.unit_id,
      kind,
      subject_id: decision.applicationId,
      signed: JSON.stringify({ document: signed, qr }),
      issued_at: at,
      revoked_at: null,
      revoke_reason: null,
    });
    await queueUpdate(
      trx,
      {
        unitId: first.unit_id,
        kind: 'issued-document',
        subjectId: documentNumber,
        payload: { document: signed, qr },
      },
      at,
    );
    await queueUpdate(
      trx,
      {
        unitId: first.unit_id,
        kind: 'application-status',
        subjectId: decision.applicationId,
        payload: { status: 'selesai', reason: null, by: decision.signerName, at },
      },
      at,
    );
  });
  return { ok: true, documentNumber, unitId: first.unit_id };
}

/** The records the hub holds of one application or recording, in the station's order. */
function recordsOfAggregate(hub: HubContext, aggregate: Aggregate, id: string) {
  return recordsOf(hub.db, aggregate, id);
}

async function nextDocumentNumber(hub: HubContext, code: string, at: string): Promise<string> {
  const day = at.slice(0, 10).split('-').reverse().join('');
  const prefix = `${REGENCY}-${code}-${day}-`;
  const count = await countDocuments(hub.db, prefix);
  return `${prefix}${String(count + 1).padStart(4, '0')}`;
}

/** A de-duplication outcome (or the arrival) of a KTP-el recording. */
export async function decideRecording(
  hub: HubContext,
  change: {
    recordingId: string;
    status: 'terkirim' | 'prr' | 'duplicate';
    note?: string | undefined;
  },
  at: string,
): Promise<DecisionResult> {
  const [record] = await recordsOfAggregate(hub, 'recording', change.recordingId);
  if (!record) return { ok: false, problem: `no recording ${change.recordingId} at the hub` };
  await queueUpdate(
    hub.db,
    {
      unitId: record.unit_id,
      kind: 'recording-status',
      subjectId: change.recordingId,
      payload: { status: change.status, note: change.note ?? null, at },
    },
    at,
  );
  return { ok: true, documentNumber: null, unitId: record.unit_id };
}

/** Revokes an issued document; every station learns it at its next pull. */
export async function revokeDocument(
  hub: HubContext,
  revocation: { documentNumber: string; reason: string },
  at: string,
): Promise<DecisionResult> {
  const reason = revocation.reason.trim();
  if (reason.length < 3 || reason.length > 300)
    return { ok: false, problem: 'a revocation needs a reason of 3 to 300 characters' };
  const document = await documentByNumber(hub.db, revocation.documentNumber);
  if (!document) return { ok: false, problem: `no document ${revocation.documentNumber}` };
  if (document.revoked_at) return { ok: false, problem: 'already revoked' };
  await hub.db.transaction().execute(async (trx) => {
    await markDocumentRevoked(trx, revocation.documentNumber, {
      revoked_at: at,
      revoke_reason: reason,
    });
    await queueUpdate(
      trx,
      {
        unitId: null,
        kind: 'revocation',
        subjectId: revocation.documentNumber,
        payload: { documentNumber: revocation.documentNumber, reason, revokedAt: at },
      },
      at,
    );
  });
  return { ok: true, documentNumber: revocation.documentNumber, unitId: document.unit_id };
}
