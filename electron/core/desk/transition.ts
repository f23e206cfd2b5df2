import type { Kysely } from 'kysely';
import { changeStatus, deleteClaim, listChecks } from '../../../db/queries/desk';
import { enqueue } from '../outbox';
import type { ApplicationRow, Database } from '../../../db/schema';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { officerName, type Officer } from '../common/officer';

export interface Transition {
  status: string;
  /** The reason given (return, reject, refuse) or an approval note; null when none. */
  reason: string | null;
  /** Audit action, e.g. desk.application-approved. */
  action: string;
}

/**
 * A decision: new status and its history row (actor, account, reason), the claim ends, audit
 * entry and outbox entry with the checklist. Call inside the transaction that checked the rules.
 */
export async function applyTransition(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  row: ApplicationRow,
  transition: Transition,
): Promise<void> {
  const at = deps.ports.clock.now().toISOString();
  const actor = officerName(officer);
  await changeStatus(trx, {
    applicationId: row.id,
    status: transition.status,
    at,
    actor,
    actorUserId: officer.userId ?? null,
    note: transition.reason,
  });
  await deleteClaim(trx, row.id);
  const checks = (await listChecks(trx, row.id)).map((c) => ({
    requirementCode: c.requirement_code,
    state: c.state,
    note: c.note,
    by: c.user_name,
    at: c.at,
  }));
  await recordAudit(
    deps,
    trx,
    officer,
    transition.action,
    {
      number: row.number,
      service: row.service_code,
      from: row.status,
      status: transition.status,
      reason: transition.reason,
    },
    row.applicant_nik,
  );
  await enqueue(trx, {
    id: deps.ports.ids.uuid(),
    aggregate: 'application',
    aggregateId: row.id,
    op: 'upsert',
    at,
    payload: {
      number: row.number,
      serviceCode: row.service_code,
      status: transition.status,
      at,
      actor,
      reason: transition.reason,
      checks,
    },
  });
}

/**
 * A desk step that is not a decision (claim, release, one checklist line): its audit entry and an
 * outbox entry (aggregate 'application-activity'), so the district sees who worked on what.
 * Call inside the transaction that made the change.
 */
export async function recordActivity(
  deps: CoreDeps,
  trx: Kysely<Database>,
  officer: Officer,
  row: Pick<ApplicationRow, 'id' | 'number'>,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  const at = deps.ports.clock.now().toISOString();
  await recordAudit(deps, trx, officer, action, { number: row.number, ...detail });
  await enqueue(trx, {
    id: deps.ports.ids.uuid(),
    aggregate: 'application-activity',
    aggregateId: row.id,
    op: 'upsert',
    at,
    payload: { number: row.number, action, at, actor: officerName(officer), ...detail },
  });
}
