import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import { signDocument } from '../protocol/canonical';
import {
  ISSUED_DOCUMENT,
  UPDATES,
  type DistrictUpdate,
  type IssuedDocument,
  type UpdatesBundle,
} from '../protocol/documents';
import { makeQrPayload } from '../protocol/document-qr';
import { keyId } from '../protocol/packet/keys';
import type { Hub } from './hub';

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

export async function queueUpdate(
  db: Kysely<HubDatabase>,
  update: {
    unitId: string | null;
    kind: DistrictUpdate['kind'];
    subjectId: string;
    payload: object;
  },
  at: string,
): Promise<void> {
  await db
    .insertInto('updates')
    .values({
      unit_id: update.unitId,
      kind: update.kind,
      subject_id: update.subjectId,
      payload: JSON.stringify(update.payload),
      created_at: at,
    })
    .execute();
}

/** The signed bundle of a station's updates after `after` (and every station's revocations). */
export async function updatesFor(
  hub: Hub,
  unitId: string,
  after: number,
  at: string,
  limit = 1000,
): Promise<UpdatesBundle> {
  const rows = await hub.db
    .selectFrom('updates')
    .selectAll()
    .where('seq', '>', after)
    .where((eb) => eb.or([eb('unit_id', '=', unitId), eb('unit_id', 'is', null)]))
    .orderBy('seq')
    .limit(limit)
    .execute();
  const updates = rows.map((r) => ({
    seq: r.seq,
    kind: r.kind,
    subjectId: r.subject_id,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    createdAt: r.created_at,
  }));
  return signDocument(hub.keys.signing.privateKey, {
    format: UPDATES,
    version: 1 as const,
    unitId,
    after,
    last: rows.at(-1)?.seq ?? after,
    updates,
    issuedAt: at,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
  });
}

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
  hub: Hub,
  decision: ApplicationDecision,
  at: string,
): Promise<DecisionResult> {
  const records = await hub.db
    .selectFrom('records')
    .selectAll()
    .where('aggregate', '=', 'application')
    .where('aggregate_id', '=', decision.applicationId)
    .orderBy('seq')
    .execute();
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
    await trx
      .insertInto('documents')
      .values({
        document_number: documentNumber,
        unit_id: first.unit_id,
        kind,
        subject_id: decision.applicationId,
        signed: JSON.stringify({ document: signed, qr }),
        issued_at: at,
        revoked_at: null,
        revoke_reason: null,
      })
      .execute();
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

async function nextDocumentNumber(hub: Hub, code: string, at: string): Promise<string> {
  const day = at.slice(0, 10).split('-').reverse().join('');
  const prefix = `${REGENCY}-${code}-${day}-`;
  const row = await hub.db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('document_number', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  return `${prefix}${String(Number(row.n) + 1).padStart(4, '0')}`;
}

/** A de-duplication outcome (or the arrival) of a KTP-el recording. */
export async function decideRecording(
  hub: Hub,
  change: {
    recordingId: string;
    status: 'terkirim' | 'prr' | 'duplicate';
    note?: string | undefined;
  },
  at: string,
): Promise<DecisionResult> {
  const record = await hub.db
    .selectFrom('records')
    .select('unit_id')
    .where('aggregate', '=', 'recording')
    .where('aggregate_id', '=', change.recordingId)
    .executeTakeFirst();
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
  hub: Hub,
  revocation: { documentNumber: string; reason: string },
  at: string,
): Promise<DecisionResult> {
  const reason = revocation.reason.trim();
  if (reason.length < 3 || reason.length > 300)
    return { ok: false, problem: 'a revocation needs a reason of 3 to 300 characters' };
  const document = await hub.db
    .selectFrom('documents')
    .selectAll()
    .where('document_number', '=', revocation.documentNumber)
    .executeTakeFirst();
  if (!document) return { ok: false, problem: `no document ${revocation.documentNumber}` };
  if (document.revoked_at) return { ok: false, problem: 'already revoked' };
  await hub.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('documents')
      .set({ revoked_at: at, revoke_reason: reason })
      .where('document_number', '=', revocation.documentNumber)
      .execute();
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
