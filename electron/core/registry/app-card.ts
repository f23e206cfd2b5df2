import { z } from 'zod';
import { fail, failWith, ok, type AppError, type CardBinding } from '../../contract';
import { activeBindingByUid, bindCard } from '../../../db/queries/card-bindings';
import { residentRowByNik } from '../../../db/queries/residents-read';
import type { CardBindingRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { isRandomUid, normalizeUid } from './card';
import { validateNik } from './nik';
import { jakartaDay } from '../common/jakarta';
import { maskNik } from '../common/mask';

/**
 * registry-card-bind: an officer taps a resident's KTP-el on the reader so the kiosk can greet the
 * card later (docs/kiosk-applications.md, "Card tap"). Binding a card the resident already has is
 * a no-op that answers the existing binding; a card bound to someone else is refused.
 */
export function registerCardBind(app: App, deps: CoreDeps): void {
  app.method('registry-card-bind', {
    role: 'operator',
    args: z.strictObject({ nik: z.string().trim().max(32), uid: z.string().max(64) }),
    run: async (args, ctx) => {
      const uid = checkedUid(args, jakartaDay(deps.ports.clock.now()));
      if (typeof uid !== 'string') return uid;
      if (residentRowByNik(deps.sqlite, args.nik)?.is_alive !== 1)
        return fail('NOT_FOUND', 'No living resident with this NIK in the registry');
      const row = {
        uid,
        resident_nik: args.nik,
        bound_at: deps.ports.clock.now().toISOString(),
        bound_by: ctx.session.userName,
        released_at: null,
      };
      const outcome = await deps.db.transaction().execute(async (trx) => {
        const existing = await activeBindingByUid(trx, uid);
        if (existing) return existing.resident_nik === args.nik ? existing : null;
        const detail = { uid, releasedUids: await bindCard(trx, row) };
        await recordAudit(deps, trx, ctx.session, 'registry.card-bound', detail, args.nik);
        return row;
      });
      // Whose card it is stays unsaid: telling would be an unaudited read of another record.
      if (!outcome)
        return failWith('CONFLICT', 'CARD_BOUND_ELSEWHERE', 'Bound to another resident');
      return ok(toCardBinding(outcome));
    },
  });
}

/** The UID in stored form, or the failure for the NIK or the UID. */
function checkedUid(
  args: { nik: string; uid: string },
  today: string,
): string | { ok: false; error: AppError } {
  const nik = validateNik(args.nik, { today });
  if (!nik.isValid) {
    const codes = nik.errors.map((e) => e.code).join(', ');
    return failWith('INVALID_ARGS', 'INVALID_NIK', codes, ['nik']);
  }
  const uid = normalizeUid(args.uid);
  if (uid === null)
    return failWith('INVALID_ARGS', 'INVALID_UID', 'Not a 4, 7 or 10 byte UID in hex', ['uid']);
  if (isRandomUid(uid))
    return failWith('INVALID_ARGS', 'RANDOM_UID', 'A random UID changes at every tap', ['uid']);
  return uid;
}

function toCardBinding(row: CardBindingRow): CardBinding {
  return {
    uid: row.uid,
    maskedNik: maskNik(row.resident_nik),
    boundAt: row.bound_at,
    boundBy: row.bound_by,
  };
}
