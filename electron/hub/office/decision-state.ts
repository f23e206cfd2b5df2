import type { Kysely } from 'kysely';
import type { HubDatabase, OfficeApplicationRow } from '../../../db/hub-schema';
import { documentByNumber, recordsOf } from '../../../db/queries/hub-updates';
import { lineMarks, officeApplication } from '../../../db/queries/office-decisions';
import type {
  DecisionLine,
  DecisionState,
  IssuedKind,
  LineMark,
} from '../../contract/office/decision';
import { OfficeError } from './handler';
import { isIssuedKind } from './numbering';

/**
 * What the decision panel shows of one application (decision-get, and every decision's answer):
 * its requirement lines as the station named them with the district's marks, the proposal and
 * the outcome.
 */

type Db = Kysely<HubDatabase>;

interface SubmittedRecord {
  photos?: { requirement_code?: unknown }[];
  display?: { requirements?: { code: string; label: { id: string; en: string } }[] };
  checks?: { requirementCode?: unknown }[];
}

export async function decisionState(db: Db, applicationId: string): Promise<DecisionState> {
  const row = await officeApplication(db, applicationId);
  if (!row)
    throw new OfficeError(404, 'NO_APPLICATION', `no application ${applicationId} in the queue`);
  const [records, marks] = await Promise.all([
    recordsOf(db, 'application', applicationId),
    lineMarks(db, applicationId),
  ]);
  const byCode = new Map<string, LineMark>(
    marks.map((m) => [
      m.requirement_code,
      {
        requirementCode: m.requirement_code,
        state: m.state,
        note: m.note,
        markedByName: m.marked_by_name,
        markedAt: m.marked_at,
      },
    ]),
  );
  const lines = requirementLines(records.map((r) => JSON.parse(r.data) as SubmittedRecord)).map(
    (line) => ({ ...line, mark: byCode.get(line.code) ?? null }),
  );
  return {
    applicationId,
    officeStatus: row.office_status,
    claimedBy: row.claimed_by,
    claimedByName: row.claimed_by_name,
    lines,
    proposal: proposalOf(row),
    decision: await outcomeOf(db, row),
    suggestedKind: suggestedKind(row.service_code),
  };
}

/**
 * The application's requirement lines: the catalogue's list the station sent with the
 * submission, else every code its photos and desk checks name; with the photos per line.
 */
export function requirementLines(records: SubmittedRecord[]): Omit<DecisionLine, 'mark'>[] {
  const lines = new Map<string, Omit<DecisionLine, 'mark'>>();
  const line = (code: string) => {
    const known = lines.get(code);
    if (known) return known;
    const added = { code, label: { id: code, en: code }, photos: 0 };
    lines.set(code, added);
    return added;
  };
  for (const record of records)
    for (const r of record.display?.requirements ?? []) line(r.code).label = r.label;
  for (const record of records) {
    for (const photo of record.photos ?? [])
      if (typeof photo.requirement_code === 'string') line(photo.requirement_code).photos += 1;
    for (const check of record.checks ?? [])
      if (typeof check.requirementCode === 'string') line(check.requirementCode);
  }
  return [...lines.values()];
}

/** The codes of the lines a mark may name. */
export async function requirementCodes(db: Db, applicationId: string): Promise<Set<string>> {
  const records = await recordsOf(db, 'application', applicationId);
  return new Set(
    requirementLines(records.map((r) => JSON.parse(r.data) as SubmittedRecord)).map((l) => l.code),
  );
}

function proposalOf(row: OfficeApplicationRow): DecisionState['proposal'] {
  if (!row.proposal || !row.proposed_by || !row.proposed_at) return null;
  return {
    proposal: row.proposal,
    kind: row.proposal_kind && isIssuedKind(row.proposal_kind) ? row.proposal_kind : null,
    note: row.proposal_note,
    proposedBy: row.proposed_by,
    proposedByName: row.proposed_by_name ?? '',
    proposedAt: row.proposed_at,
  };
}

async function outcomeOf(db: Db, row: OfficeApplicationRow): Promise<DecisionState['decision']> {
  if (!row.decided_at) return null;
  const document = row.document_number ? await documentByNumber(db, row.document_number) : null;
  const signed = document
    ? (JSON.parse(document.signed) as { document: { pdfSha256?: string } })
    : null;
  return {
    decidedAt: row.decided_at,
    decidedByName: row.decided_by_name ?? '',
    reason: row.decision_reason,
    documentNumber: row.document_number,
    hasPdf: typeof signed?.document.pdfSha256 === 'string',
  };
}

/** The document a service issues (the station prints it; electron/core/print/kinds.ts). */
export function suggestedKind(serviceCode: string): IssuedKind | null {
  if (serviceCode.startsWith('kk-') || serviceCode === 'pindah-datang') return 'kk';
  if (serviceCode === 'biodata-baru') return 'biodata';
  if (serviceCode.startsWith('ktp-el-')) return 'ktp-el';
  if (serviceCode.startsWith('kia-')) return 'kia';
  if (serviceCode === 'akta-kelahiran' || serviceCode === 'akta-kematian') return serviceCode;
  if (serviceCode === 'pindah-keluar') return 'surat-pindah';
  return null;
}
