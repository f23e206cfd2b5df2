import { z } from 'zod';
import { failWith, ok } from '../../contract';
import { getClaim, upsertCheck } from '../../../db/queries/desk';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { recordActivity } from './transition';
import { act } from './act';
import { APPLICATION_ID } from './app-read';
import { serviceOf } from './detail';
import { closed, DECISION_OPEN, mustHold, requirementCodes, textOf } from './rules';
import { officerName } from '../common/officer';

/** One line of the requirement checklist, by the officer holding the claim. */
export function registerDeskCheck(app: App, deps: CoreDeps): void {
  app.method('desk-requirement-check', {
    role: 'operator',
    args: z.strictObject({
      id: APPLICATION_ID,
      requirementCode: z.string().min(1).max(60),
      state: z.enum(['ok', 'bad', 'missing']),
      note: z.string().max(2000).optional(),
    }),
    run: (args, ctx) =>
      act(deps, args.id, ctx.session, async (trx, row) => {
        if (!DECISION_OPEN.has(row.status)) return closed(row.status);
        const held = mustHold(await getClaim(trx, row.id), ctx.session);
        if (!held.ok) return held;
        const service = serviceOf(deps, row.service_code);
        if (!service || !requirementCodes(service).has(args.requirementCode))
          return failWith(
            'INVALID_ARGS',
            'UNKNOWN_REQUIREMENT',
            `${args.requirementCode} is not a requirement of ${row.service_code}`,
            ['requirementCode'],
          );
        // What is wrong or missing is written down: the applicant is told, the district reads it.
        const min = args.state === 'ok' ? 0 : 3;
        const note = textOf(args.note, { min, max: 300, field: 'note' });
        if (!note.ok) return note;
        const at = deps.ports.clock.now().toISOString();
        const check = {
          application_id: row.id,
          requirement_code: args.requirementCode,
          state: args.state,
          note: note.value === '' ? null : note.value,
          user_id: ctx.session.userId ?? null,
          user_name: officerName(ctx.session),
          at,
        };
        await upsertCheck(trx, check);
        await recordActivity(deps, trx, ctx.session, row, 'desk.requirement-checked', {
          requirementCode: check.requirement_code,
          state: check.state,
          note: check.note,
        });
        return ok(null);
      }),
  });
}
