import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  fail,
  failWith,
  ok,
  type InvitationRule,
  type OutreachEventDetail,
  type Result,
} from '../../contract';
import {
  getEvent,
  runningEventRow,
  setEventClosed,
  setEventStarted,
} from '../../../db/queries/outreach-plan';
import type { Database } from '../../../db/schema';
import type { Dispatcher } from '../../transport/dispatcher';
import { recordAudit, recordAuditAlone } from '../audit/record';
import { jakartaDay } from '../common/jakarta';
import { officerName } from '../common/officer';
import type { CoreDeps } from '../deps';
import { callListHtml, invitationCsv, invitationList, INVITATION_RULES } from './invitations';
import { checkPlan, eventDetail, eventList, planOptions, writePlan } from './plan';
import { blockingItems, checkReadiness, confirmItem } from './readiness';
import type { OutreachSignals } from './signals';
import { checkOut, eventStock, returnAll } from './stock';

export const OVERRIDE_REASON = { min: 10, max: 500 } as const;

const eventId = z.string().min(1).max(100);
const rules = z.array(z.enum(INVITATION_RULES as [InvitationRule, ...InvitationRule[]])).max(4);
const stockItem = z.enum(['blanko-ktp-el', 'blanko-kia', 'ribbon']);
const plan = z.strictObject({
  name: z.string().max(1000),
  villageCodes: z.array(z.string().max(20)).max(100),
  days: z.array(z.string().max(20)).max(100),
  venue: z.string().max(1000),
  team: z
    .array(
      z.strictObject({
        userId: z.string().max(100),
        task: z.enum(['ketua', 'perekaman', 'verifikasi', 'cetak', 'antrean']),
      }),
    )
    .max(100),
  services: z
    .array(z.strictObject({ serviceCode: z.string().max(100), target: z.number() }))
    .max(100),
});

const notFound = () => failWith('NOT_FOUND', 'EVENT_NOT_FOUND', 'No such outreach event');

/**
 * outreach-event-*, outreach-readiness-*, outreach-stock-checkout, outreach-invitations-*
 * (issue 16 items 1 and 2; docs/outreach.md). Every refusal changes nothing.
 */
export function registerOutreachPlan(
  app: Dispatcher,
  deps: CoreDeps,
  signals: OutreachSignals,
): void {
  /** The event as the caller may see it: this unit's only. */
  const eventRow = async (id: string) => {
    const row = await getEvent(deps.db, id);
    return row && row.unit_id === deps.unit.unit_id ? row : null;
  };
  const detail = async (id: string): Promise<Result<OutreachEventDetail>> => {
    const found = await eventDetail(deps, id);
    return found ? ok(found) : notFound();
  };
  const subject = (d: OutreachEventDetail) => ({
    id: d.id,
    villages: d.villages,
    serviceCodes: d.services.map((s) => s.serviceCode),
  });

  app.method('outreach-event-list', {
    role: 'operator',
    args: z.strictObject({}),
    run: async () => ok(await eventList(deps)),
  });

  app.method('outreach-event-options', {
    role: 'supervisor',
    args: z.strictObject({}),
    run: async () => ok(await planOptions(deps)),
  });

  app.method('outreach-event-get', {
    role: 'operator',
    args: z.strictObject({ eventId }),
    run: (args) => detail(args.eventId),
  });

  app.method('outreach-event-save', {
    role: 'supervisor',
    args: z.strictObject({ eventId: eventId.nullable(), plan }),
    run: async (args, ctx) => {
      if (args.eventId !== null) {
        const row = await eventRow(args.eventId);
        if (!row) return notFound();
        if (row.status !== 'planned')
          return failWith('CONFLICT', 'NOT_PLANNED', 'Only a planned event can be edited');
      }
      const checked = await checkPlan(deps, args.plan);
      if (!checked.ok) return checked;
      const id = await deps.db.transaction().execute(async (trx) => {
        // Read again in the transaction that writes: a start between the two reads wins.
        if (args.eventId !== null && (await getEvent(trx, args.eventId))?.status !== 'planned')
          return null;
        const written = await writePlan(deps, trx, ctx.session, args.eventId, checked.value);
        await recordAudit(deps, trx, ctx.session, 'outreach.event-save', {
          eventId: written,
          isNew: args.eventId === null,
          name: checked.value.name,
          villageCodes: checked.value.villages.map((v) => v.code),
          days: checked.value.days,
          team: checked.value.team,
          services: checked.value.services,
        });
        return written;
      });
      if (id === null)
        return failWith('CONFLICT', 'NOT_PLANNED', 'Only a planned event can be edited');
      const saved = await eventDetail(deps, id);
      if (!saved) return notFound();
      // The villages or services may have changed: the checklist follows the plan.
      await checkReadiness(deps, subject(saved));
      signals.emit({ kind: 'event', eventId: id });
      return detail(id);
    },
  });

  app.method('outreach-readiness-check', {
    role: 'supervisor',
    args: z.strictObject({ eventId }),
    run: async (args, ctx) => {
      const found = await eventDetail(deps, args.eventId);
      if (!found) return notFound();
      if (found.status !== 'planned')
        return failWith('CONFLICT', 'NOT_PLANNED', 'The checklist is checked before the start');
      const readiness = await deps.db.transaction().execute(async (trx) => {
        const result = await checkReadiness(deps, subject(found), trx);
        await recordAudit(deps, trx, ctx.session, 'outreach.readiness-check', {
          eventId: found.id,
          failed: blockingItems(result.items),
        });
        return result;
      });
      signals.emit({ kind: 'event', eventId: found.id });
      return ok(readiness);
    },
  });

  app.method('outreach-readiness-confirm', {
    role: 'supervisor',
    args: z.strictObject({
      eventId,
      item: z.enum([
        'registry-imported',
        'station-synced',
        'hardware-checked',
        'stock-checked-out',
        'printer-paper',
      ]),
    }),
    run: async (args, ctx) => {
      if (args.item !== 'printer-paper')
        return failWith('CONFLICT', 'NOT_A_CONFIRM_ITEM', 'The station checks this item itself', [
          'item',
        ]);
      const found = await eventDetail(deps, args.eventId);
      if (!found) return notFound();
      if (found.status !== 'planned')
        return failWith('CONFLICT', 'NOT_PLANNED', 'The checklist is checked before the start');
      const readiness = await deps.db.transaction().execute(async (trx) => {
        await confirmItem(deps, trx, found.id, 'printer-paper', officerName(ctx.session));
        await recordAudit(deps, trx, ctx.session, 'outreach.readiness-confirm', {
          eventId: found.id,
          item: args.item,
        });
        return checkReadiness(deps, subject(found), trx);
      });
      signals.emit({ kind: 'event', eventId: found.id });
      return ok(readiness);
    },
  });

  app.method('outreach-event-start', {
    role: 'supervisor',
    args: z.strictObject({ eventId, overrideReason: z.string().max(5000).nullable() }),
    run: async (args, ctx) => {
      const found = await eventDetail(deps, args.eventId);
      if (!found) return notFound();
      if (found.status !== 'planned')
        return failWith('CONFLICT', 'NOT_PLANNED', 'Only a planned event can start');
      const today = jakartaDay(deps.ports.clock.now());
      const first = found.days[0] ?? '';
      const last = found.days.at(-1) ?? '';
      if (today < first || today > last)
        return failWith(
          'CONFLICT',
          'NOT_AN_EVENT_DAY',
          `Today (${today}) is not within the event's days ${first} to ${last}`,
        );
      const reason = args.overrideReason?.trim() ?? '';
      if (
        args.overrideReason !== null &&
        (reason.length < OVERRIDE_REASON.min || reason.length > OVERRIDE_REASON.max)
      )
        return failWith(
          'INVALID_ARGS',
          'BAD_OVERRIDE_REASON',
          `A reason of ${OVERRIDE_REASON.min} to ${OVERRIDE_REASON.max} characters`,
          ['overrideReason'],
        );
      const outcome = await refusable(deps, async (trx) => {
        const running = await runningEventRow(trx, deps.unit.unit_id);
        if (running)
          return failWith(
            'CONFLICT',
            'ANOTHER_RUNNING',
            `Event ${running.name} is still running; close it first`,
          );
        const readiness = await checkReadiness(deps, subject(found), trx);
        const failed = blockingItems(readiness.items);
        // A refusal rolls the check back with everything else (refusable).
        if (failed.length > 0 && args.overrideReason === null)
          return failWith(
            'CONFLICT',
            'READINESS_FAILED',
            `Not ready: ${failed.join(', ')}; the leader writes a reason to start anyway`,
            ['overrideReason'],
          );
        const stored = failed.length > 0 ? reason : null;
        await setEventStarted(trx, found.id, {
          at: deps.ports.clock.now().toISOString(),
          by: officerName(ctx.session),
          overrideReason: stored,
        });
        await recordAudit(deps, trx, ctx.session, 'outreach.event-start', {
          eventId: found.id,
          failed,
          overrideReason: stored,
        });
        return ok(null);
      });
      if (!outcome.ok) return outcome;
      signals.emit({ kind: 'event', eventId: found.id });
      return detail(found.id);
    },
  });

  app.method('outreach-event-close', {
    role: 'supervisor',
    args: z.strictObject({ eventId }),
    run: async (args, ctx) => {
      const row = await eventRow(args.eventId);
      if (!row) return notFound();
      if (row.status === 'closed')
        return failWith('CONFLICT', 'EVENT_CLOSED', 'The event is closed already');
      await deps.db.transaction().execute(async (trx) => {
        await returnAll(deps, trx, ctx.session, row);
        await setEventClosed(trx, row.id, {
          at: deps.ports.clock.now().toISOString(),
          by: officerName(ctx.session),
        });
        await recordAudit(deps, trx, ctx.session, 'outreach.event-close', {
          eventId: row.id,
          wasRunning: row.status === 'running',
          returned: (await eventStock(deps, row.id, trx)).items.map((i) => [i.item, i.returned]),
        });
      });
      signals.emit({ kind: 'stock', eventId: row.id });
      signals.emit({ kind: 'event', eventId: row.id });
      return detail(row.id);
    },
  });

  app.method('outreach-stock-checkout', {
    role: 'supervisor',
    args: z.strictObject({ eventId, item: stockItem, count: z.number() }),
    run: async (args, ctx) => {
      const row = await eventRow(args.eventId);
      if (!row) return notFound();
      if (row.status === 'closed')
        return failWith('CONFLICT', 'EVENT_CLOSED', 'The event is closed');
      const moved = await refusable(deps, async (trx) => {
        const done = await checkOut(deps, trx, ctx.session, row, args.item, args.count);
        if (!done.ok) return done;
        await recordAudit(deps, trx, ctx.session, 'outreach.stock-checkout', {
          eventId: row.id,
          item: args.item,
          count: args.count,
        });
        return done;
      });
      if (!moved.ok) return moved;
      if (row.status === 'planned') {
        const found = await eventDetail(deps, row.id);
        if (found) await checkReadiness(deps, subject(found));
      }
      signals.emit({ kind: 'stock', eventId: row.id });
      return ok(await eventStock(deps, row.id));
    },
  });

  app.method('outreach-invitations-list', {
    role: 'operator',
    args: z.strictObject({ eventId, rules }),
    run: async (args, ctx) => {
      const found = await eventDetail(deps, args.eventId);
      if (!found) return notFound();
      const list = await invitationList(deps, found, args.rules);
      await recordAuditAlone(deps, ctx.session, 'outreach.invitations-list', {
        eventId: found.id,
        rules: args.rules,
        total: list.total,
      });
      return ok(list);
    },
  });

  app.method('outreach-invitations-export', {
    role: 'operator',
    args: z.strictObject({ eventId, rules, format: z.enum(['pdf', 'csv']) }),
    run: async (args, ctx) => {
      const found = await eventDetail(deps, args.eventId);
      if (!found) return notFound();
      const list = await invitationList(deps, found, args.rules);
      const base = `undangan-${slug(found.name)}-${list.asOf}`;
      let bytes: Uint8Array;
      if (args.format === 'csv') bytes = invitationCsv(list);
      else {
        try {
          bytes = await deps.ports.printer.toPdf({
            html: callListHtml({
              event: found,
              list,
              printedAt: deps.ports.clock.now().toISOString(),
              printedBy: officerName(ctx.session),
              isTraining: deps.unit.is_training === 1,
            }),
            kind: 'form',
            copies: 1,
          });
        } catch (error) {
          return fail('INTERNAL', `The call list could not be rendered: ${String(error)}`);
        }
      }
      await recordAuditAlone(deps, ctx.session, 'outreach.invitations-export', {
        eventId: found.id,
        rules: args.rules,
        format: args.format,
        total: list.total,
      });
      return ok({
        fileName: `${base}.${args.format}`,
        mimeType: args.format === 'csv' ? 'text/csv;charset=utf-8' : 'application/pdf',
        base64: Buffer.from(bytes).toString('base64'),
      });
    },
  });
}

/** Carries a refusal out of a transaction, so that the transaction rolls back. */
class Refused extends Error {
  constructor(readonly result: Extract<Result<never>, { ok: false }>) {
    super(result.error.message);
  }
}

/** Runs `work` in a transaction that commits on ok and rolls back (writing nothing) on a refusal. */
async function refusable<T>(
  deps: CoreDeps,
  work: (trx: Kysely<Database>) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (!result.ok) throw new Refused(result);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return error.result;
    throw error;
  }
}

/** A file-name part: lower-case letters, digits and dashes. */
function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 40) || 'kegiatan'
  );
}
