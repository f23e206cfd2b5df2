import type { Kysely } from 'kysely';
import type { HubDatabase, OfficeApplicationRow } from '../../../db/hub-schema';
import {
  endClaim,
  lockOfficeApplication,
  officeApplication,
  updateOfficeDecision,
} from '../../../db/queries/office-decisions';
import type { DecisionState } from '../../contract/office/decision';
import { decidedBy } from '../decisions';
import { decisionState } from './decision-state';
import { OfficeError, type OfficeCall, type OfficeUser } from './handler';

/**
 * The rules every decision handler follows (decision.ts, decision-issue.ts): one transaction
 * that first locks the application's row, the caller's claim, an open status, notes of 3..300
 * characters; a proposal or final decision ends the claim.
 */

type Db = Kysely<HubDatabase>;
/** Statuses in which the district still works on an application. */
const OPEN = new Set(['baru', 'diusulkan']);
export const NOTE = { min: 3, max: 300 } as const;

/**
 * A text that must be there: 3..300 characters once trimmed (a note: NOTE_REQUIRED; a reason:
 * REASON_REQUIRED).
 */
export function requiredNote(value: string | undefined, field: 'note' | 'reason'): string {
  const text = (value ?? '').trim();
  if (text.length < NOTE.min || text.length > NOTE.max)
    throw new OfficeError(
      400,
      field === 'note' ? 'NOTE_REQUIRED' : 'REASON_REQUIRED',
      `a ${field} of ${NOTE.min} to ${NOTE.max} characters is required`,
    );
  return text;
}

/** Only the staff member holding the claim decides (NOT_CLAIMED / CLAIMED, as queue-claim). */
export function mustHold(row: OfficeApplicationRow, user: OfficeUser): void {
  if (!row.claimed_by) throw new OfficeError(409, 'NOT_CLAIMED', 'claim the application first');
  if (row.claimed_by !== user.id)
    throw new OfficeError(
      409,
      'CLAIMED',
      `Claimed by ${row.claimed_by_name ?? row.claimed_by} since ${row.claimed_at ?? '?'}`,
    );
}

export function mustBeOpen(row: OfficeApplicationRow): void {
  if (!OPEN.has(row.office_status))
    throw new OfficeError(
      409,
      'APPLICATION_CLOSED',
      `the application is ${row.office_status}; nothing more is decided now`,
    );
}

export async function lockedRow(trx: Db, id: string, at: string): Promise<OfficeApplicationRow> {
  const row = (await lockOfficeApplication(trx, id, at)) ? await officeApplication(trx, id) : null;
  if (!row) throw new OfficeError(404, 'NO_APPLICATION', `no application ${id} in the queue`);
  return row;
}

/**
 * Runs a change in one transaction: locks the row (404 when there is none), checks the claim,
 * then `change`. Answers the state after the commit.
 */
export async function decide(
  call: OfficeCall,
  id: string,
  change: (trx: Db, row: OfficeApplicationRow) => Promise<void>,
): Promise<DecisionState> {
  await call.hub.db.transaction().execute(async (trx) => {
    const row = await lockedRow(trx, id, call.at);
    mustHold(row, call.user);
    await change(trx, row);
  });
  return decisionState(call.hub.db, id);
}

/** A final word (issue, reject, return): the decision columns, and the claim ends. */
export async function finish(
  trx: Db,
  row: OfficeApplicationRow,
  outcome: {
    office_status: 'selesai' | 'ditolak' | 'dikembalikan';
    decision_reason: string | null;
    document_number?: string | null;
  },
  call: OfficeCall,
): Promise<void> {
  await endClaim(trx, row.application_id);
  await updateOfficeDecision(trx, row.application_id, {
    ...outcome,
    ...decidedBy(call.user.id, call.user.displayName, call.at),
  });
}
