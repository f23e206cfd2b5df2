import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { failWith, ok } from '../../contract';
import { countUsers, insertUser } from '../../../db/queries/users';
import type { App } from '../../transport/dispatcher';
import { recordAudit, recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { registerUsers } from './app-users';
import { attemptLogin } from './login';
import { hashPin } from './pin';
import { displayNameSchema, isWeakPin, pinSchema, usernameSchema, WEAK_PIN } from './rules';
import { KIOSK_SESSION, officerSession, switchSession } from './session';
import { newUserRow } from './users';

const SETUP_DONE = failWith('CONFLICT', 'SETUP_DONE', 'The first administrator already exists');

/** Sign-in, first-run setup and logout (docs/accounts.md); account management in app-users.ts. */
export function registerAuth(app: App, deps: CoreDeps): void {
  // Unknown names are checked against this, so they cost the same scrypt time as a real account.
  const dummyHash = hashPin(randomUUID(), deps.scrypt);
  dummyHash.catch(() => undefined); // a failure surfaces where it is awaited, not as unhandled

  app.method('auth-setup-status', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: async () => ok({ hasAdmin: (await countUsers(deps.db)) > 0 }),
  });

  app.method('auth-setup', {
    role: 'kiosk',
    args: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      pin: pinSchema,
    }),
    run: async (args, ctx) => {
      if ((await countUsers(deps.db)) > 0) return SETUP_DONE;
      if (isWeakPin(args.pin)) return WEAK_PIN;
      const at = deps.ports.clock.now().toISOString();
      const ids = { id: deps.ports.ids.uuid(), at, pinHash: await hashPin(args.pin, deps.scrypt) };
      const user = newUserRow({ ...args, role: 'admin' }, ids);
      const session = officerSession(user);
      const isCreated = await deps.db.transaction().execute(async (trx) => {
        if ((await countUsers(trx)) > 0) return false;
        await insertUser(trx, user);
        const detail = { userId: user.id, username: user.username };
        await recordAudit(deps, trx, session, 'auth.setup', detail);
        await recordAudit(deps, trx, session, 'auth.login', detail);
        return true;
      });
      return isCreated ? switchSession(deps, ctx, session) : SETUP_DONE;
    },
  });

  app.method('auth-login', {
    role: 'kiosk',
    // Lenient on purpose: a name that could never exist is just one more unknown name.
    args: z.strictObject({
      username: z.string().trim().toLowerCase().max(64),
      pin: z.string().max(64),
    }),
    run: async (args, ctx) => {
      const outcome = await attemptLogin(deps, ctx.session, args, dummyHash);
      return outcome.ok ? switchSession(deps, ctx, officerSession(outcome.value)) : outcome;
    },
  });

  for (const [name, action] of [
    ['auth-logout', 'auth.logout'],
    ['auth-lock', 'auth.idle-locked'],
  ] as const) {
    app.method(name, {
      role: 'operator',
      args: z.strictObject({}),
      run: async (_args, ctx) => {
        await recordAuditAlone(deps, ctx.session, action, { userId: ctx.session.userId ?? null });
        return switchSession(deps, ctx, KIOSK_SESSION);
      },
    });
  }

  registerUsers(app, deps);
}
