import { z } from 'zod';
import type { Kysely } from 'kysely';
import { fail, failWith, ok, type Result, type UserUpdateArgs } from '../../contract';
import {
  countOtherActiveAdmins,
  getUserById,
  getUserByUsername,
  insertUser,
  listUsers,
  updateUser,
} from '../../../db/queries/users';
import { deleteLoginLocksOf, listLoginLocks } from '../../../db/queries/login-locks';
import type { Database, UserRow } from '../../../db/schema';
import type { App, Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';
import { hashPin } from './pin';
import { displayNameSchema, isWeakPin, pinSchema, usernameSchema, WEAK_PIN } from './rules';
import { endSessionsOf } from './session';
import { endsSessions, losesAdmin, newUserRow, toUserSummary, userPatch } from './users';

const officerRole = z.enum(['operator', 'supervisor', 'admin']);

const USERNAME_TAKEN = failWith('CONFLICT', 'USERNAME_TAKEN', 'User name already taken', [
  'username',
]);
const LAST_ADMIN = failWith('CONFLICT', 'LAST_ADMIN', 'The last active administrator must stay');

/** Account management for administrators (docs/accounts.md). */
export function registerUsers(app: App, deps: CoreDeps): void {
  const now = () => deps.ports.clock.now();

  app.method('auth-users-list', {
    role: 'admin',
    args: z.strictObject({}),
    run: async () => {
      const locks = await listLoginLocks(deps.db);
      return ok((await listUsers(deps.db)).map((row) => toUserSummary(row, now(), locks)));
    },
  });

  app.method('auth-users-create', {
    role: 'admin',
    args: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: officerRole,
      pin: pinSchema,
    }),
    run: async (args, ctx) => {
      if (isWeakPin(args.pin)) return WEAK_PIN;
      const at = now().toISOString();
      const ids = { id: deps.ports.ids.uuid(), at, pinHash: await hashPin(args.pin, deps.scrypt) };
      const user = newUserRow(args, ids);
      const isCreated = await deps.db.transaction().execute(async (trx) => {
        if (await getUserByUsername(trx, user.username)) return false;
        await insertUser(trx, user);
        const detail = { userId: user.id, username: user.username, role: user.role };
        await recordAudit(deps, trx, ctx.session, 'users.created', detail);
        return true;
      });
      return isCreated ? ok(toUserSummary(user, now(), [])) : USERNAME_TAKEN;
    },
  });

  app.method('auth-users-update', {
    role: 'admin',
    args: z
      .strictObject({
        id: z.string().min(1).max(64),
        role: officerRole.optional(),
        displayName: displayNameSchema.optional(),
        isActive: z.boolean().optional(),
        pin: pinSchema.optional(),
        unlock: z.literal(true).optional(),
      })
      .refine(
        (a) => [a.role, a.displayName, a.isActive, a.pin, a.unlock].some((v) => v !== undefined),
        'Nothing to change',
      ),
    run: async (args, ctx) => {
      if (args.pin !== undefined && isWeakPin(args.pin)) return WEAK_PIN;
      const pinHash = args.pin === undefined ? null : await hashPin(args.pin, deps.scrypt);
      const outcome = await deps.db
        .transaction()
        .execute((trx) => applyUpdate(deps, trx, ctx.session, args, pinHash));
      if (!outcome.ok) return outcome;
      // A deactivated account, a new role or a new PIN takes effect now, on every screen.
      if (outcome.value.isEnded) endSessionsOf(deps, ctx, args.id);
      return ok(toUserSummary(outcome.value.user, now(), await listLoginLocks(deps.db)));
    },
  });
}

/** One account change with its audit entry; a change that changes nothing writes nothing. */
async function applyUpdate(
  deps: CoreDeps,
  trx: Kysely<Database>,
  session: Session,
  args: UserUpdateArgs,
  pinHash: string | null,
): Promise<Result<{ user: UserRow; isEnded: boolean }>> {
  const user = await getUserById(trx, args.id);
  if (!user) return fail('NOT_FOUND', 'No such account');
  const locks = (await listLoginLocks(trx)).filter((lock) => lock.user_id === user.id);
  const { patch, changed } = userPatch(user, args, pinHash, locks.length > 0);
  if (losesAdmin(user, patch) && (await countOtherActiveAdmins(trx, user.id)) === 0)
    return LAST_ADMIN;
  if (changed.length === 0) return ok({ user, isEnded: false });
  if (Object.keys(patch).length > 0) await updateUser(trx, user.id, patch);
  if (changed.includes('unlock')) await deleteLoginLocksOf(trx, user.id);
  const detail = { userId: user.id, username: user.username, changed, ...values(patch) };
  await recordAudit(deps, trx, session, 'users.updated', detail);
  return ok({ user: { ...user, ...patch }, isEnded: endsSessions(changed) });
}

/** The new role and active flag for the audit entry; the PIN or its hash never. */
function values(patch: { role?: unknown; is_active?: unknown }): Record<string, unknown> {
  return {
    ...(patch.role === undefined ? {} : { role: patch.role }),
    ...(patch.is_active === undefined ? {} : { isActive: patch.is_active === 1 }),
  };
}
