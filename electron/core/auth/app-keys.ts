import { z } from 'zod';
import { failWith, ok, type AppError } from '../../contract';
import type { App, CallContext } from '../../transport/dispatcher';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';

const NOT_PASSPHRASE = failWith(
  'CONFLICT',
  'NOT_PASSPHRASE',
  'The keys of this station are not protected by a passphrase',
);
const KEYS_NOT_LOCAL = failWith(
  'FORBIDDEN',
  'KEYS_NOT_LOCAL',
  'The station passphrase is changed only at the station machine itself',
);
const WRONG_PASSPHRASE = failWith('INVALID_ARGS', 'WRONG_PASSPHRASE', 'Wrong current passphrase', [
  'current',
]);
const SHORT_PASSPHRASE = failWith('INVALID_ARGS', 'SHORT_PASSPHRASE', 'Passphrase too short', [
  'next',
]);

/**
 * `auth-passphrase-change` (issue 13 finding 1.11; docs/accounts.md, "Key protection"): an
 * administrator at the machine gives the station a new passphrase. Throttled like a login (a
 * wrong current passphrase is a guess), audited without either passphrase.
 */
export function registerKeys(
  app: App,
  deps: CoreDeps,
  throttle: (ctx: CallContext) => { ok: false; error: AppError } | null,
): void {
  app.method('auth-passphrase-change', {
    role: 'admin',
    args: z.strictObject({ current: z.string().max(256), next: z.string().max(256) }),
    run: async (args, ctx) => {
      const limited = throttle(ctx);
      if (limited) return limited;
      if (!ctx.source.local) return KEYS_NOT_LOCAL;
      const change = deps.ports.keyStore.changePassphrase?.bind(deps.ports.keyStore);
      if (deps.ports.keyStore.protection !== 'passphrase' || !change) return NOT_PASSPHRASE;
      const outcome = await change(args.current, args.next);
      if (outcome === 'too-short') return SHORT_PASSPHRASE;
      if (outcome === 'wrong-passphrase') {
        await recordAuditAlone(deps, ctx.session, 'keys.passphrase-refused', {});
        return WRONG_PASSPHRASE;
      }
      await recordAuditAlone(deps, ctx.session, 'keys.passphrase-changed', {});
      return ok({});
    },
  });
}
