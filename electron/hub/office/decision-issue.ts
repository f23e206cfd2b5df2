import { z } from 'zod';
import type { OfficeApplicationRow } from '../../../db/hub-schema';
import { officeUserById } from '../../../db/queries/office-accounts';
import {
  numberingRows,
  officeApplication,
  putNumbering,
} from '../../../db/queries/office-decisions';
import type { DecisionHandlers, IssuedKind, Numbering } from '../../contract/office/decision';
import { MAX_PDF_BASE64, MAX_PDF_BYTES } from '../../protocol/documents';
import type { HubContext } from '../context';
import { issueDocument, nextFreeNumber, numberingRule } from '../decisions';
import { finish, lockedRow, mustHold } from './decision-rules';
import { decisionState } from './decision-state';
import { OfficeError, type OfficeCall, type OfficeHandlerMap, type OfficeUser } from './handler';
import {
  ISSUED_KINDS,
  NUMBER_MAX,
  defaultRule,
  jakartaDayOf,
  numberingView,
  patternProblem,
} from './numbering';
import { tteSignerOf, type TteSignerInfo } from './tte';

/**
 * The penandatangan's issue (four eyes: never their own proposal) with the district's numbering
 * and the optional PDF from SIAK, and the admin's numbering settings (docs/decisions.md,
 * "Back-office decisions"; docs/tte.md for what happens to the PDF).
 */

const kind = z.enum(ISSUED_KINDS);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** How far back an issue date may lie (a typo in the year is refused). */
const MAX_BACKDATE_DAYS = 31;
/** A base64 PDF of 10 MiB plus the JSON around it. */
const ISSUE_BODY_BYTES = MAX_PDF_BASE64 + 64 * 1024;

type Handlers = Pick<
  OfficeHandlerMap<keyof DecisionHandlers>,
  'decision-issue' | 'decision-numbering-get' | 'decision-numbering-set' | 'decision-number-suggest'
>;

export const issueHandlers: Handlers = {
  'decision-issue': {
    roles: ['penandatangan'],
    maxBodyBytes: ISSUE_BODY_BYTES,
    input: z.strictObject({
      applicationId: z.string().min(1).max(100),
      kind,
      documentNumber: z.string().trim().min(1).max(NUMBER_MAX),
      issueDate: isoDay,
      // Longer than the limit on purpose: the decoded size answers PDF_TOO_LARGE.
      pdfBase64: z
        .string()
        .max(2 * MAX_PDF_BASE64)
        .optional(),
    }),
    run: async (call, input) => {
      const issueDate = checkedIssueDate(input.issueDate, call.at);
      const attached = input.pdfBase64 === undefined ? null : decodePdf(input.pdfBase64);
      // Checked before the PDF goes to a TTE signer, and again under the row lock.
      const before = await officeApplication(call.hub.db, input.applicationId);
      if (!before) throw new OfficeError(404, 'NO_APPLICATION', 'no such application in the queue');
      mustIssue(before, call.user, input.kind);
      const signer = { name: call.user.displayName, title: await titleOf(call) };
      const pdf = attached ? await throughTte(call.hub, attached, signer) : null;
      const issued = await call.hub.db.transaction().execute(async (trx) => {
        const row = await lockedRow(trx, input.applicationId, call.at);
        mustIssue(row, call.user, input.kind);
        const result = await issueDocument(
          call.hub,
          trx,
          {
            applicationId: row.application_id,
            kind: input.kind,
            documentNumber: input.documentNumber.toUpperCase(),
            issueDate,
            signerName: signer.name,
            signerTitle: signer.title,
            pdf: pdf?.bytes ?? null,
          },
          call.at,
        );
        await finish(
          trx,
          row,
          {
            office_status: 'selesai',
            decision_reason: null,
            document_number: result.documentNumber,
          },
          call,
        );
        await call.audit(
          'decision.issued',
          {
            applicationId: row.application_id,
            kind: input.kind,
            documentNumber: result.documentNumber,
            issueDate,
            pdfSha256: result.pdfSha256,
            tte: pdf?.tte ?? null,
          },
          trx,
        );
        return result;
      });
      return {
        documentNumber: issued.documentNumber,
        pdfSha256: issued.pdfSha256,
        state: await decisionState(call.hub.db, input.applicationId),
      };
    },
  },
  'decision-numbering-get': {
    roles: ['admin'],
    input: z.strictObject({}),
    readOnly: true,
    run: (call) => numberings(call),
  },
  'decision-numbering-set': {
    roles: ['admin'],
    input: z.strictObject({
      kind,
      pattern: z.string().trim().min(1).max(NUMBER_MAX),
      width: z.number().int().min(1).max(8),
      reset: z.enum(['daily', 'yearly', 'never']),
    }),
    run: async (call, input) => {
      const problem = patternProblem(input);
      if (problem) throw new OfficeError(400, 'PATTERN_INVALID', problem);
      await call.hub.db.transaction().execute(async (trx) => {
        await putNumbering(trx, {
          ...input,
          updated_at: call.at,
          updated_by: call.user.displayName,
        });
        await call.audit('decision.numbering-set', { ...input }, trx);
      });
      return numberings(call);
    },
  },
  'decision-number-suggest': {
    roles: ['penandatangan'],
    input: z.strictObject({ kind, issueDate: isoDay.optional() }),
    readOnly: true,
    run: async (call, input) => {
      const day = input.issueDate
        ? checkedIssueDate(input.issueDate, call.at)
        : jakartaDayOf(new Date(call.at));
      const rule = await numberingRule(call.hub.db, input.kind);
      const { documentNumber } = await nextFreeNumber(call.hub.db, rule, day);
      return { documentNumber };
    },
  },
};

/** Claim, an issue proposal by someone else, and the proposed kind (409 / 403 FOUR_EYES). */
function mustIssue(row: OfficeApplicationRow, user: OfficeUser, kindToIssue: IssuedKind): void {
  mustHold(row, user);
  if (row.office_status !== 'diusulkan' || row.proposal !== 'issue')
    throw new OfficeError(409, 'NO_ISSUE_PROPOSAL', 'no issue proposal is waiting');
  if (row.proposed_by === user.id)
    throw new OfficeError(403, 'FOUR_EYES', 'the proposer cannot issue the same application');
  if (row.proposal_kind && row.proposal_kind !== kindToIssue)
    throw new OfficeError(409, 'KIND_DIFFERS', `the proposal is for ${row.proposal_kind}`);
}

/** A real day, not after today and at most MAX_BACKDATE_DAYS before it (Asia/Jakarta). */
function checkedIssueDate(day: string, at: string): string {
  const time = Date.parse(`${day}T00:00:00Z`);
  const today = jakartaDayOf(new Date(at));
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - MAX_BACKDATE_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const isReal = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
  if (!isReal || day > today || day < earliest)
    throw new OfficeError(400, 'ISSUE_DATE', `an issue date from ${earliest} to ${today}`);
  return day;
}

/** The attached PDF: strict base64, at most 10 MiB, starting with %PDF- (never trusted more). */
export function decodePdf(base64: string): Buffer {
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw new OfficeError(400, 'PDF_ENCODING', 'the PDF is not base64');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_PDF_BYTES)
    throw new OfficeError(400, 'PDF_TOO_LARGE', `a PDF of at most ${MAX_PDF_BYTES} bytes`);
  if (bytes.length === 0 || !bytes.subarray(0, 5).equals(Buffer.from('%PDF-')))
    throw new OfficeError(400, 'NOT_A_PDF', 'the file is not a PDF');
  return bytes;
}

/**
 * The PDF as it is stored and sent (docs/tte.md): without a TTE signer, as SIAK produced it;
 * with one, its signature is checked, and an unsigned PDF is signed for the caller.
 */
async function throughTte(
  hub: HubContext,
  pdf: Buffer,
  signer: TteSignerInfo,
): Promise<{ bytes: Buffer; tte: Record<string, unknown> | null }> {
  const tte = tteSignerOf(hub);
  if (!tte) return { bytes: pdf, tte: null };
  const verdict = await tte.verify(pdf);
  if (verdict.status === 'invalid') throw new OfficeError(400, 'TTE_INVALID', verdict.problem);
  if (verdict.status === 'signed')
    return {
      bytes: pdf,
      tte: { signer: tte.name, by: verdict.signer, signedAt: verdict.signedAt },
    };
  const signed = await tte.sign(pdf, signer, hub.now());
  const bytes = Buffer.from(signed.pdf);
  if (bytes.length > MAX_PDF_BYTES)
    throw new OfficeError(400, 'PDF_TOO_LARGE', 'the signed PDF is larger than 10 MiB');
  return { bytes, tte: { signer: tte.name, by: signed.signer, signedAt: signed.signedAt } };
}

/** The signer's jabatan, as the admin recorded it on the account. */
async function titleOf(call: OfficeCall): Promise<string> {
  const user = await officeUserById(call.hub.db, call.user.id);
  const title = user?.title.trim();
  if (!title) throw new OfficeError(409, 'NO_SIGNER_TITLE', 'the account has no jabatan');
  return title;
}

async function numberings(call: OfficeCall): Promise<Numbering[]> {
  const stored = new Map((await numberingRows(call.hub.db)).map((r) => [r.kind, r]));
  const today = jakartaDayOf(new Date(call.at));
  return ISSUED_KINDS.map((k) => {
    const row = stored.get(k);
    const rule = row
      ? { kind: k, pattern: row.pattern, width: row.width, reset: row.reset }
      : defaultRule(k);
    return numberingView(rule, row ?? null, today);
  });
}
