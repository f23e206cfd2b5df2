import { failWith, ok, type AppError, type Result } from '../../contract';
import { getSetting } from '../../../db/queries/settings';
import { deleteLoginLock, getLoginLock, putLoginLock } from '../../../db/queries/login-locks';
import { getUserById, getUserByUsername } from '../../../db/queries/users';
import type { UserRow } from '../../../db/schema';
import type { ConnectionSource, Session } from '../../transport/dispatcher';
import { recordAudit, recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { afterFailure, LOCK_MINUTES_SETTING, lockMinutes, lockedUntil, sourceKey } from './lockout';
import { verifyPin } from './pin';
import { officerSession } from './session';

type Failure = { ok: false; error: AppError };

/** Unknown user, inactive account and wrong PIN all answer this, so names cannot be probed. */
export const LOGIN_FAILED: Failure = failWith(
  'INVALID_ARGS',
  'LOGIN_FAILED',
  'Unknown user name or wrong PIN',
);

export function accountLocked(until: string): Failure {
  return failWith('CONFLICT', 'ACCOUNT_LOCKED', `Account locked until ${until}`);
}

/**
 * Checks a username + PIN and records the outcome: the failure count and lock of this account
 * for this source (docs/accounts.md, "Lock"), and the audit entry, each change with its entry in
 * one transaction. The PIN is verified outside it (scrypt takes about 100 ms), against a dummy
 * hash when there is no account, so the time taken does not tell either. Returns the account on
 * success.
 */
export async function attemptLogin(
  deps: CoreDeps,
  caller: Session,
  source: ConnectionSource,
  args: { username: string; pin: string },
  dummyHash: Promise<string>,
): Promise<Result<UserRow>> {
  const now = deps.ports.clock.now();
  const from = sourceKey(source);
  const user = await getUserByUsername(deps.db, args.username);
  const lock = user ? await getLoginLock(deps.db, user.id, from) : null;
  const until = lock ? lockedUntil(lock, now) : null;
  if (user && until) {
    await recordAuditAlone(deps, caller, 'auth.login-refused-locked', {
      username: user.username,
      lockedUntil: until,
      source: from,
    });
    return accountLocked(until);
  }
  const hash = user?.is_active === 1 ? user.pin_hash : null;
  const isMatch = await verifyPin(args.pin, hash ?? (await dummyHash));
  if (!user || hash === null) {
    const reason = user ? 'inactive' : 'unknown-user';
    await recordAuditAlone(deps, caller, 'auth.login-failed', {
      username: args.username,
      reason,
      source: from,
    });
    return LOGIN_FAILED;
  }
  const minutes = lockMinutes(await getSetting(deps.db, LOCK_MINUTES_SETTING));
  return deps.db.transaction().execute(async (trx) => {
    // Read again: a parallel attempt may have counted a failure or locked the source meanwhile.
    const fresh = (await getUserById(trx, user.id)) ?? user;
    const freshLock = await getLoginLock(trx, fresh.id, from);
    const freshUntil = freshLock ? lockedUntil(freshLock, now) : null;
    const detail = { userId: fresh.id, username: fresh.username };
    if (freshUntil) {
      const refused = { ...detail, lockedUntil: freshUntil, source: from };
      await recordAudit(deps, trx, caller, 'auth.login-refused-locked', refused);
      return accountLocked(freshUntil);
    }
    if (isMatch && fresh.is_active === 1 && fresh.pin_hash === hash) {
      // Success clears this source only: another source's lock (an attacker's) stays.
      if (freshLock) await deleteLoginLock(trx, fresh.id, from);
      await recordAudit(deps, trx, officerSession(fresh), 'auth.login', detail);
      return ok(fresh);
    }
    const next = afterFailure(freshLock, now, minutes);
    await putLoginLock(trx, {
      user_id: fresh.id,
      source: from,
      ...next,
      updated_at: now.toISOString(),
    });
    const failed = {
      ...detail,
      reason: 'wrong-pin',
      failedAttempts: next.failed_attempts,
      source: from,
    };
    await recordAudit(deps, trx, caller, 'auth.login-failed', failed);
    if (next.locked_until === null) return LOGIN_FAILED;
    const lockedMinutes = Math.round((Date.parse(next.locked_until) - now.getTime()) / 60_000);
    const locked = {
      ...detail,
      lockedUntil: next.locked_until,
      minutes: lockedMinutes,
      source: from,
    };
    await recordAudit(deps, trx, caller, 'auth.locked', locked);
    return accountLocked(next.locked_until);
  });
}
