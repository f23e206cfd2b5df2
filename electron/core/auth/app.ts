import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { failWith, ok, type AppError } from '../../contract';
import { countUsers, insertUser } from '../../../db/queries/users';
import type { App, CallContext } from '../../transport/dispatcher';
import { recordAudit, recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { KeyedBuckets, takeAll, type BucketRule } from '../limits/buckets';
import { registerKeys } from './app-keys';
import { registerUsers } from './app-users';
import { sourceKey } from './lockout';
import { attemptLogin } from './login';
import { hashPin } from './pin';
import { displayNameSchema, isWeakPin, pinSchema, usernameSchema, WEAK_PIN } from './rules';
import { KIOSK_SESSION, officerSession, switchSession } from './session';
import { SetupCodes } from './setup-code';
import { newUserRow } from './users';

const SETUP_DONE = failWith('CONFLICT', 'SETUP_DONE', 'The first administrator already exists');
const SETUP_NOT_LOCAL = failWith(
  'FORBIDDEN',
  'SETUP_NOT_LOCAL',
  'First-run setup only from the station machine itself',
);
const SETUP_CODE_WRONG = failWith('INVALID_ARGS', 'SETUP_CODE_WRONG', 'Wrong or used setup code', [
  'code',
]);
const SETUP_CODE_RENEWED = failWith(
  'INVALID_ARGS',
  'SETUP_CODE_RENEWED',
  'Too many wrong setup codes: a new code was issued on the station console',
  ['code'],
);

/**
 * Sign-in throttling (issue 13 finding 1.9): a burst of 10 per connection and 20 per source
 * address, then one every 3 s per connection and one every 1.5 s per address. A person never
 * meets it; a script gets about 40 tries a minute per address, and each account's lock per
 * source (lockout.ts) stops guessing long before that matters.
 */
export const LOGIN_PER_CONNECTION: BucketRule = { capacity: 10, perMinute: 20 };
export const LOGIN_PER_ADDRESS: BucketRule = { capacity: 20, perMinute: 40 };

function rateLimited(retryAfterMs: number): { ok: false; error: AppError } {
  const seconds = Math.ceil(retryAfterMs / 1000);
  return {
    ok: false,
    error: {
      code: 'RATE_LIMITED',
      message: `Too many sign-in attempts; try again in ${seconds} s`,
      retryAfterMs,
    },
  };
}

/** What the hosts get from the auth domain: the first-run setup code (never a handler). */
export interface AuthService {
  setupCodes: SetupCodes;
  /**
   * Makes a setup code when a real station has no account yet (at start); returns it, or null
   * when none is needed. The hosts print or show it, then follow `setupCodes.onIssued`.
   */
  issueSetupCode(): Promise<string | null>;
}

/** Sign-in, first-run setup and logout (docs/accounts.md); account management in app-users.ts. */
export function registerAuth(app: App, deps: CoreDeps): AuthService {
  // Unknown names are checked against this, so they cost the same scrypt time as a real account.
  const dummyHash = hashPin(randomUUID(), deps.scrypt);
  dummyHash.catch(() => undefined); // a failure surfaces where it is awaited, not as unhandled
  const isTraining = deps.unit.is_training === 1;
  const setupCodes = new SetupCodes();
  const perConnection = new KeyedBuckets(LOGIN_PER_CONNECTION);
  const perAddress = new KeyedBuckets(LOGIN_PER_ADDRESS);
  /** 0 when the call may go on, else the ms to wait; nothing is read or written either way. */
  const throttled = (ctx: CallContext) =>
    takeAll(
      [
        [perConnection, ctx.connectionId],
        [perAddress, sourceKey(ctx.source)],
      ],
      deps.ports.clock.now().getTime(),
    );

  app.method('auth-setup-status', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: async (_args, ctx) =>
      ok({
        hasAdmin: (await countUsers(deps.db)) > 0,
        needsCode: !isTraining,
        isAllowedHere: isTraining || ctx.source.local,
      }),
  });

  app.method('auth-setup', {
    role: 'kiosk',
    args: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      pin: pinSchema,
      code: z.string().max(40).optional(),
    }),
    run: async (args, ctx) => {
      const wait = throttled(ctx);
      if (wait > 0) return rateLimited(wait);
      // A real station: only from the machine itself, and only with the code its console or
      // Electron window shows (finding 1.2). A training station has no real data to take.
      if (!isTraining && !ctx.source.local) return SETUP_NOT_LOCAL;
      if ((await countUsers(deps.db)) > 0) return SETUP_DONE;
      if (isWeakPin(args.pin)) return WEAK_PIN;
      if (!isTraining) {
        const outcome = setupCodes.redeem(args.code ?? '');
        if (outcome === 'renewed') {
          deps.ports.log.warn('Setup code replaced after too many wrong tries', {
            source: sourceKey(ctx.source),
          });
          return SETUP_CODE_RENEWED;
        }
        if (outcome !== 'ok') return SETUP_CODE_WRONG;
      }
      const at = deps.ports.clock.now().toISOString();
      const ids = { id: deps.ports.ids.uuid(), at, pinHash: await hashPin(args.pin, deps.scrypt) };
      const user = newUserRow({ ...args, role: 'admin' }, ids);
      const session = officerSession(user);
      let isCreated: boolean;
      try {
        isCreated = await deps.db.transaction().execute(async (trx) => {
          if ((await countUsers(trx)) > 0) return false;
          await insertUser(trx, user);
          const detail = { userId: user.id, username: user.username };
          await recordAudit(deps, trx, session, 'auth.setup', detail);
          await recordAudit(deps, trx, session, 'auth.login', detail);
          return true;
        });
      } catch (error) {
        // The code is used up but no account was made: a new one, so setup stays possible.
        if (!isTraining) setupCodes.issue();
        throw error;
      }
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
      const wait = throttled(ctx);
      if (wait > 0) return rateLimited(wait);
      const outcome = await attemptLogin(deps, ctx.session, ctx.source, args, dummyHash);
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
  registerKeys(app, deps, (ctx) => {
    const wait = throttled(ctx);
    return wait > 0 ? rateLimited(wait) : null;
  });

  return {
    setupCodes,
    issueSetupCode: async () => {
      if (isTraining || (await countUsers(deps.db)) > 0) {
        setupCodes.clear();
        return null;
      }
      return setupCodes.issue();
    },
  };
}
