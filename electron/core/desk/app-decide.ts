import { z } from 'zod';
import { fail, failWith, ok, type CatalogueService, type CheckState } from '../../contract';
import { getClaim, listChecks } from '../../../db/queries/desk';
import type { Kysely } from 'kysely';
import type { ApplicationRow, Database } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { act } from './act';
import { APPLICATION_ID } from './app-read';
import { approvalRequester, serviceOf } from './detail';
import {
  AWAITING,
  claimedByOther,
  closed,
  DECISION_OPEN,
  isSupervisor,
  mustHold,
  officerKey,
  textOf,
  unmetRequirements,
} from './rules';
import { applyTransition } from './transition';

const REASON = z.string().max(2000).optional();
const APPROVE_NOTE = { min: 0, max: 500, field: 'reason' };
const REASON_LIMITS = { min: 5, max: 500, field: 'reason' };

/** Why an approval cannot go ahead, or null: every required line ok and no line bad. */
async function approvalBlocked(
  trx: Kysely<Database>,
  row: ApplicationRow,
  service: CatalogueService,
) {
  const checks = new Map<string, CheckState>(
    (await listChecks(trx, row.id)).map((c) => [c.requirement_code, c.state]),
  );
  const unmet = unmetRequirements(service, checks);
  if (unmet.length === 0) return null;
  return failWith(
    'CONFLICT',
    'REQUIREMENTS_UNCHECKED',
    `Not checked ok or checked bad: ${unmet.join(', ')}`,
    unmet,
  );
}

const orNull = (text: string) => (text === '' ? null : text);

export function registerDeskDecisions(app: App, deps: CoreDeps): void {
  const serviceFor = (row: ApplicationRow) => {
    const service = serviceOf(deps, row.service_code);
    return service
      ? ok(service)
      : fail('NOT_FOUND', `Service ${row.service_code} is not in the catalogue`);
  };

  app.method('desk-application-decide', {
    role: 'operator',
    args: z.strictObject({
      id: APPLICATION_ID,
      decision: z.enum(['approve', 'return', 'reject']),
      reason: REASON,
    }),
    run: (args, ctx) =>
      act(deps, args.id, ctx.session, async (trx, row) => {
        if (!DECISION_OPEN.has(row.status)) return closed(row.status);
        const held = mustHold(await getClaim(trx, row.id), ctx.session);
        if (!held.ok) return held;
        const service = serviceFor(row);
        if (!service.ok) return service;
        const reason = textOf(
          args.reason,
          args.decision === 'approve' ? APPROVE_NOTE : REASON_LIMITS,
        );
        if (!reason.ok) return reason;
        let transition;
        if (args.decision === 'approve') {
          const blocked = await approvalBlocked(trx, row, service.value);
          if (blocked) return blocked;
          // Four eyes: an operator's approval that changes a resident waits for a supervisor.
          transition =
            service.value.changesResident && !isSupervisor(ctx.session)
              ? { status: AWAITING, action: 'desk.application-approval-requested' }
              : { status: 'diverifikasi', action: 'desk.application-approved' };
        } else if (args.decision === 'return') {
          transition = { status: 'berkas-kurang', action: 'desk.application-returned' };
        } else {
          transition = { status: 'ditolak', action: 'desk.application-rejected' };
        }
        await applyTransition(deps, trx, ctx.session, row, {
          ...transition,
          reason: orNull(reason.value),
        });
        return ok(null);
      }),
  });

  app.method('desk-application-confirm', {
    role: 'supervisor',
    args: z.strictObject({
      id: APPLICATION_ID,
      decision: z.enum(['approve', 'refuse']),
      reason: REASON,
    }),
    run: (args, ctx) =>
      act(deps, args.id, ctx.session, async (trx, row) => {
        if (row.status !== AWAITING)
          return failWith(
            'CONFLICT',
            'APPLICATION_CLOSED',
            `The application is ${row.status}, not waiting for a supervisor's approval`,
          );
        const claim = await getClaim(trx, row.id);
        const me = officerKey(ctx.session);
        if (claim && claim.user_id !== me) return claimedByOther(claim);
        if ((await approvalRequester(trx, row)) === me)
          return failWith(
            'FORBIDDEN',
            'SAME_OFFICER',
            'The officer who asked for the approval cannot confirm it',
          );
        const service = serviceFor(row);
        if (!service.ok) return service;
        if (args.decision === 'approve') {
          const note = textOf(args.reason, APPROVE_NOTE);
          if (!note.ok) return note;
          const blocked = await approvalBlocked(trx, row, service.value);
          if (blocked) return blocked;
          await applyTransition(deps, trx, ctx.session, row, {
            status: 'diverifikasi',
            action: 'desk.approval-confirmed',
            reason: orNull(note.value),
          });
        } else {
          const reason = textOf(args.reason, REASON_LIMITS);
          if (!reason.ok) return reason;
          // Back to the desk: an officer checks it again with the supervisor's reason.
          await applyTransition(deps, trx, ctx.session, row, {
            status: 'diajukan',
            action: 'desk.approval-refused',
            reason: reason.value,
          });
        }
        return ok(null);
      }),
  });
}
