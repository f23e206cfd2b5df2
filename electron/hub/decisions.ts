import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import { documentByNumber, markDocumentRevoked, recordsOf } from '../../db/queries/hub-updates';
import {
  counterValue,
  insertDocumentOnce,
  isDocumentNumberTaken,
  lockOfficeApplication,
  numberingRows,
  raiseCounter,
  storeDocumentPdf,
  updateOfficeDecision,
} from '../../db/queries/office-decisions';
import type { IssuedKind } from '../contract/office/decision';
import { signDocument } from '../protocol/canonical';
import { ISSUED_DOCUMENT, type IssuedDocument } from '../protocol/documents';
import { makeQrPayload } from '../protocol/document-qr';
import type { Aggregate } from '../protocol/outbox';
import { keyId } from '../protocol/packet/keys';
import type { HubContext } from './context';
import { OfficeError } from './office/handler';
import {
  defaultRule,
  formatNumber,
  isIssuedKind,
  jakartaDayOf,
  maxSequence,
  periodOf,
  sequenceOf,
  type NumberingRule,
} from './office/numbering';
import { queueUpdate } from './updates';

/**
 * What district staff decide at the hub, and what stations pull back (docs/sync-protocol.md,
 * "Pull"): application decisions with an issued, signed document; recording statuses from
 * de-duplication; revocations. Every decision becomes an update in the `updates` feed. The
 * back-office (office/decision.ts) and the command line (cli.ts) both decide through here; the
 * rules of who may decide what are the back-office's.
 */

type Db = Kysely<HubDatabase>;
const APPLICATION: Aggregate = 'application';

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

/** An audit entry written in the decision's transaction (the back-office's hash chain). */
export type DecisionAudit = (
  action: string,
  detail: Record<string, unknown>,
  trx: Db,
) => Promise<void>;

/**
 * The command line's decision (issue with the next number of the kind's numbering, or reject),
 * without the back-office's claim and four-eyes rules: the district's staff at the server itself.
 * The work queue follows it (office_applications), and `audit` records it when given.
 */
export async function decideApplication(
  hub: HubContext,
  decision: ApplicationDecision,
  at: string,
  audit?: DecisionAudit,
): Promise<DecisionResult> {
  try {
    return await hub.db.transaction().execute(async (trx) => {
      const isQueued = await lockOfficeApplication(trx, decision.applicationId, at);
      if (decision.decision === 'reject') {
        const reason = decision.reason?.trim() ?? '';
        if (reason.length < 3 || reason.length > 300)
          throw new OfficeError(
            400,
            'REASON_REQUIRED',
            'a rejection needs a reason of 3 to 300 characters',
          );
        const unitId = await queueApplicationStatus(
          trx,
          decision.applicationId,
          { status: 'ditolak', reason, by: decision.signerName },
          at,
        );
        if (isQueued)
          await updateOfficeDecision(trx, decision.applicationId, {
            office_status: 'ditolak',
            ...decidedBy(null, decision.signerName, at),
            decision_reason: reason,
          });
        await audit?.('decision.rejected', { applicationId: decision.applicationId, reason }, trx);
        return { ok: true as const, documentNumber: null, unitId };
      }
      const kind = decision.kind ?? '';
      if (!isIssuedKind(kind))
        throw new OfficeError(400, 'UNKNOWN_KIND', `unknown document kind ${kind}`);
      const issued = await issueDocument(
        hub,
        trx,
        {
          applicationId: decision.applicationId,
          kind,
          documentNumber: null,
          issueDate: jakartaDayOf(new Date(at)),
          signerName: decision.signerName,
          signerTitle: decision.signerTitle,
          pdf: null,
        },
        at,
      );
      if (isQueued)
        await updateOfficeDecision(trx, decision.applicationId, {
          office_status: 'selesai',
          ...decidedBy(null, decision.signerName, at),
          decision_reason: null,
          document_number: issued.documentNumber,
        });
      await audit?.(
        'decision.issued',
        { applicationId: decision.applicationId, kind, documentNumber: issued.documentNumber },
        trx,
      );
      return { ok: true as const, documentNumber: issued.documentNumber, unitId: issued.unitId };
    });
  } catch (error) {
    if (error instanceof OfficeError) return { ok: false, problem: error.message };
    throw error;
  }
}

/** The decision columns of office_applications for a decision made now. */
export function decidedBy(userId: string | null, name: string, at: string) {
  return { decided_at: at, decided_by: userId, decided_by_name: name, updated_at: at };
}

/** The first record of an application at the hub (its submission); 404 when there is none. */
async function submission(db: Db, applicationId: string) {
  const [first] = await recordsOf(db, APPLICATION, applicationId);
  if (!first)
    throw new OfficeError(404, 'NO_APPLICATION', `no application ${applicationId} at the hub`);
  return first;
}

/**
 * Queues a district status for the station that sent the application (`ditolak` with the
 * reason, `dikembalikan` with the note); the unit it goes to.
 */
export async function queueApplicationStatus(
  trx: Db,
  applicationId: string,
  status: { status: 'ditolak' | 'dikembalikan'; reason: string; by: string },
  at: string,
): Promise<string> {
  const first = await submission(trx, applicationId);
  await queueUpdate(
    trx,
    {
      unitId: first.unit_id,
      kind: 'application-status',
      subjectId: applicationId,
      payload: { ...status, at },
    },
    at,
  );
  return first.unit_id;
}

export interface IssueOrder {
  applicationId: string;
  kind: IssuedKind;
  /** null: the next free number of the kind's numbering for the day. */
  documentNumber: string | null;
  /** The Asia/Jakarta day it is issued (YYYY-MM-DD); the number's date parts follow it. */
  issueDate: string;
  signerName: string;
  signerTitle: string;
  /** The PDF SIAK produced (checked already: size, %PDF-); its sha-256 is signed in. */
  pdf: Buffer | null;
}

export interface Issued {
  documentNumber: string;
  unitId: string;
  pdfSha256: string | null;
}

/**
 * Issues the application's document inside the caller's transaction: the number (checked against
 * the kind's numbering and free, or the next free one), the document signed with the district
 * key and its QR, the SIAK PDF stored by hash, the counter raised, and the updates the station
 * pulls (the document; `selesai`). Throws OfficeError (NUMBER_FORMAT, NUMBER_TAKEN, ...).
 */
export async function issueDocument(
  hub: HubContext,
  trx: Db,
  order: IssueOrder,
  at: string,
): Promise<Issued> {
  const first = await submission(trx, order.applicationId);
  const submitted = JSON.parse(first.data) as Record<string, unknown>;
  const rule = await numberingRule(trx, order.kind);
  const { documentNumber, sequence } = order.documentNumber
    ? checkedNumber(rule, order.issueDate, order.documentNumber)
    : await nextFreeNumber(trx, rule, order.issueDate);
  const pdfSha256 = order.pdf ? createHash('sha256').update(order.pdf).digest('hex') : null;
  const body: Omit<IssuedDocument, 'signature'> = {
    format: ISSUED_DOCUMENT,
    version: pdfSha256 ? 2 : 1,
    documentNumber,
    kind: order.kind,
    unitId: first.unit_id,
    applicationId: order.applicationId,
    recordingId: null,
    data: {
      number: submitted.number ?? null,
      serviceCode: submitted.service_code ?? null,
      NIK: submitted.NIK ?? null,
      NO_KK: submitted.NO_KK ?? null,
      NAMA_LGKP: submitted.NAMA_LGKP ?? null,
      fields: submitted.fields ?? {},
    },
    issuedAt: issuedAtFor(order.issueDate, at),
    signerName: order.signerName,
    signerTitle: order.signerTitle,
    hubKeyId: keyId(hub.keys.signing.publicRaw),
    ...(pdfSha256 ? { pdfSha256 } : {}),
  };
  const signed = signDocument(hub.keys.signing.privateKey, body);
  const qr = makeQrPayload(hub.keys.signing.privateKey, body);
  const isNew = await insertDocumentOnce(trx, {
    document_number: documentNumber,
    unit_id: first.unit_id,
    kind: order.kind,
    subject_id: order.applicationId,
    signed: JSON.stringify({ document: signed, qr }),
    issued_at: body.issuedAt,
    revoked_at: null,
    revoke_reason: null,
  });
  if (!isNew) throw numberTaken(documentNumber);
  await raiseCounter(trx, {
    kind: order.kind,
    period: periodOf(rule.reset, order.issueDate),
    value: sequence,
  });
  if (order.pdf && pdfSha256)
    await storeDocumentPdf(trx, { sha256: pdfSha256, data: order.pdf, created_at: at });
  // The PDF's bytes are not copied into the feed: updatesFor adds them to the bundle by hash.
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
      subjectId: order.applicationId,
      payload: { status: 'selesai', reason: null, by: order.signerName, at },
    },
    at,
  );
  return { documentNumber, unitId: first.unit_id, pdfSha256 };
}

/** The issue date as the document's time: now when it is today, else that day's start (WIB). */
function issuedAtFor(issueDate: string, at: string): string {
  if (jakartaDayOf(new Date(at)) === issueDate) return at;
  return new Date(`${issueDate}T00:00:00+07:00`).toISOString();
}

/** The kind's numbering: the admin's (office_numbering) or the built-in default. */
export async function numberingRule(db: Db, kind: IssuedKind): Promise<NumberingRule> {
  const row = (await numberingRows(db)).find((r) => r.kind === kind);
  return row
    ? { kind, pattern: row.pattern, width: row.width, reset: row.reset }
    : defaultRule(kind);
}

function checkedNumber(rule: NumberingRule, day: string, documentNumber: string) {
  const sequence = sequenceOf(rule, day, documentNumber);
  if (sequence === null)
    throw new OfficeError(
      400,
      'NUMBER_FORMAT',
      `${documentNumber} does not follow the numbering of ${rule.kind} for ${day}: ${formatNumber(rule, day, 1)}`,
    );
  return { documentNumber, sequence };
}

const numberTaken = (documentNumber: string) =>
  new OfficeError(409, 'NUMBER_TAKEN', `document number ${documentNumber} is taken`);

/**
 * The next number after the kind's counter that no document holds (a number typed by hand may
 * have taken one ahead of the counter). Reads only: the counter moves when an issue commits.
 */
export async function nextFreeNumber(
  db: Db,
  rule: NumberingRule,
  day: string,
): Promise<{ documentNumber: string; sequence: number }> {
  let sequence = (await counterValue(db, rule.kind, periodOf(rule.reset, day))) + 1;
  for (; sequence <= maxSequence(rule); sequence += 1) {
    const documentNumber = formatNumber(rule, day, sequence);
    if (!(await isDocumentNumberTaken(db, documentNumber))) return { documentNumber, sequence };
  }
  throw new OfficeError(
    409,
    'NUMBERING_EXHAUSTED',
    `every ${rule.width}-digit number of ${rule.kind} for ${day} is taken`,
  );
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
  const [record] = await recordsOf(hub.db, 'recording', change.recordingId);
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

/**
 * Revokes an issued document; every station learns it at its next pull. `audit` records it in
 * the same transaction (the back-office's stations-document-revoke).
 */
export async function revokeDocument(
  hub: HubContext,
  revocation: { documentNumber: string; reason: string },
  at: string,
  audit?: DecisionAudit,
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
    await audit?.(
      'stations.document-revoked',
      {
        documentNumber: revocation.documentNumber,
        kind: document.kind,
        unitId: document.unit_id,
        reason,
      },
      trx,
    );
  });
  return { ok: true, documentNumber: revocation.documentNumber, unitId: document.unit_id };
}
