import { z } from 'zod';
import { failWith, ok } from '../../contract';
import { deleteClaim, getClaim, insertClaim } from '../../../db/queries/desk';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { recordActivity } from './transition';
import { act } from './act';
import { APPLICATION_ID } from './app-read';
import { canClaimStatus, claimedByOther, closed, isSupervisor, officerKey, textOf } from './rules';
import { officerName } from '../common/officer';

/** One officer at a time: claim, and release by the holder or (with a reason) a supervisor. */
export function registerDeskClaims(app: App, deps: CoreDeps): void {
  app.method('desk-application-claim', {
    role: 'operator',
    args: z.strictObject({ id: APPLICATION_ID }),
    run: (args, ctx) =>
      act(deps, args.id, ctx.session, async (trx, row) => {
        const claim = await getClaim(trx, row.id);
        const me = officerKey(ctx.session);
        if (claim?.user_id === me) return ok(null);
        if (!canClaimStatus(row.status, ctx.session)) return closed(row.status);
        if (claim) return claimedByOther(claim);
        const at = deps.ports.clock.now().toISOString();
        const name = officerName(ctx.session);
        await insertClaim(trx, {
          application_id: row.id,
          user_id: me,
          user_name: name,
          claimed_at: at,
        });
        await recordActivity(deps, trx, ctx.session, row, 'desk.application-claimed', {});
        return ok(null);
      }),
  });

  app.method('desk-application-release', {
    role: 'operator',
    args: z.strictObject({ id: APPLICATION_ID, reason: z.string().max(2000).optional() }),
    run: (args, ctx) =>
      act(deps, args.id, ctx.session, async (trx, row) => {
        const claim = await getClaim(trx, row.id);
        if (!claim) return failWith('CONFLICT', 'NOT_CLAIMED', 'Nobody holds this application');
        const isOwn = claim.user_id === officerKey(ctx.session);
        if (!isOwn && !isSupervisor(ctx.session))
          return failWith(
            'FORBIDDEN',
            'NOT_CLAIM_HOLDER',
            `Only ${claim.user_name} or a supervisor can release this application`,
          );
        // Taking another officer's work away needs a reason; the holder may give one.
        const text = textOf(args.reason, { min: isOwn ? 0 : 5, max: 500, field: 'reason' });
        if (!text.ok) return text;
        const reason = text.value === '' ? null : text.value;
        await deleteClaim(trx, row.id);
        await recordActivity(deps, trx, ctx.session, row, 'desk.claim-released', {
          heldBy: claim.user_name,
          heldById: claim.user_id,
          claimedAt: claim.claimed_at,
          reason,
        });
        return ok(null);
      }),
  });
}
