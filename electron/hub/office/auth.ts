import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { OfficeUserRow } from '../../../db/hub-schema';
import {
  addFailedLogin,
  bumpRateLimit,
  deleteOfficeSession,
  deleteStaleSessions,
  insertOfficeSession,
  officeSessionByHash,
  officeUserByName,
  pruneRateLimits,
  rateLimitCount,
  touchOfficeSession,
  updateOfficeUser,
} from '../../../db/queries/office-accounts';
import type { OfficeSessionInfo } from '../../contract/office';
import {
  DEFAULT_SCRYPT,
  hashSecret,
  verifySecret,
  type ScryptParams,
} from '../../protocol/password-hash';
import type { HubContext } from '../context';
import { appendOfficeAudit, type OfficeActor } from './audit';
import { OfficeError, type OfficeUser } from './handler';

/**
 * Back-office sign-in (issue 15; docs/decisions.md, "Back-office accounts"): scrypt passwords of
 * at least 10 characters, a lockout after 5 failed logins in a row (15 minutes; an admin can
 * unlock), the same answer and the same work for an unknown user, a wrong password and a disabled
 * account, a limit of login attempts per client address, sessions that end after 15 idle minutes
 * or 10 hours whatever the activity, and a cookie whose token is stored only as its sha256.
 */
export const SESSION_COOKIE = 'lm_office';
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export interface OfficeAuthSettings {
  /** Idle sign-out (default 15 minutes). */
  idleSeconds: number;
  /** Absolute session limit (default 10 hours). */
  sessionSeconds: number;
  /** scrypt cost of new passwords and of the stand-in hash (tests make it cheap). */
  passwordCost: ScryptParams;
  /** Login attempts per client address per minute (default 20). */
  loginsPerMinute: number;
}

export const DEFAULT_AUTH_SETTINGS: OfficeAuthSettings = {
  idleSeconds: 15 * 60,
  sessionSeconds: 10 * 60 * 60,
  passwordCost: DEFAULT_SCRYPT,
  loginsPerMinute: 20,
};

/** 3..32 of a-z 0-9 . _ - (after lower-casing), starting with a letter or digit. */
export const USER_NAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;

export function normalizeUserName(userName: string): string {
  return userName.trim().toLowerCase();
}

/** Refuses a password the rules do not allow (400 with a reason code). */
export function checkPasswordRule(password: string, userName?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new OfficeError(
      400,
      'PASSWORD_TOO_SHORT',
      `a password has at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new OfficeError(400, 'PASSWORD_TOO_LONG', `at most ${MAX_PASSWORD_LENGTH} characters`);
  if (userName && password.trim().toLowerCase() === normalizeUserName(userName))
    throw new OfficeError(400, 'PASSWORD_IS_USER_NAME', 'the password is the user name');
}

export function hashPassword(
  password: string,
  cost: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  return hashSecret(password, cost);
}

export function officeUserOf(row: OfficeUserRow): OfficeUser {
  return { id: row.id, userName: row.user_name, displayName: row.display_name, role: row.role };
}

export function actorOf(user: OfficeUser): OfficeActor {
  return { userId: user.id, userName: user.userName, role: user.role };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---- cookie -----------------------------------------------------------------------------------

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** `lm_office=<token>; Path=/; Secure; HttpOnly; SameSite=Strict`: Secure even over plain HTTP. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Secure; HttpOnly; SameSite=Strict`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** The session token from a Cookie header, or null (absent or not the shape we make). */
export function tokenFromCookie(header: string | undefined): string | null {
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return TOKEN.test(value) ? value : null;
  }
  return null;
}

// ---- sessions ---------------------------------------------------------------------------------

export type SessionCheck =
  | { ok: true; user: OfficeUser; tokenHash: string; csrfToken: string }
  | { ok: false; reason: 'NO_SESSION' | 'SESSION_IDLE' | 'SESSION_EXPIRED' };

/**
 * The session the request's cookie names, when it is still open: not past its absolute limit,
 * not idle longer than allowed, its user not disabled. A good one counts as activity.
 */
export async function checkSession(
  hub: HubContext,
  cookieHeader: string | undefined,
  settings: OfficeAuthSettings,
): Promise<SessionCheck> {
  const token = tokenFromCookie(cookieHeader);
  if (!token) return { ok: false, reason: 'NO_SESSION' };
  const tokenHash = sha256Hex(token);
  const session = await officeSessionByHash(hub.db, tokenHash);
  if (!session) return { ok: false, reason: 'NO_SESSION' };
  const now = hub.now();
  const at = now.toISOString();
  const idleSince = new Date(now.getTime() - settings.idleSeconds * 1000).toISOString();
  const reason =
    session.expires_at <= at
      ? 'SESSION_EXPIRED'
      : session.last_seen_at < idleSince
        ? 'SESSION_IDLE'
        : session.user.disabled_at
          ? 'NO_SESSION'
          : null;
  if (reason) {
    await deleteOfficeSession(hub.db, tokenHash);
    return { ok: false, reason };
  }
  await touchOfficeSession(hub.db, tokenHash, at);
  return { ok: true, user: officeUserOf(session.user), tokenHash, csrfToken: session.csrf_token };
}

export function sessionInfo(
  user: OfficeUser,
  csrfToken: string,
  settings: OfficeAuthSettings,
): OfficeSessionInfo {
  return {
    userId: user.id,
    userName: user.userName,
    displayName: user.displayName,
    role: user.role,
    csrfToken,
    idleSeconds: settings.idleSeconds,
  };
}

// ---- login ------------------------------------------------------------------------------------

/** A hash of a random secret with the current cost: an unknown user's password is checked on it. */
const standIns = new Map<string, Promise<string>>();
function standInHash(cost: ScryptParams): Promise<string> {
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let hash = standIns.get(key);
  if (!hash) {
    hash = hashSecret(randomUUID(), cost);
    standIns.set(key, hash);
  }
  return hash;
}

const windowStart = (now: Date, ms: number) =>
  new Date(Math.floor(now.getTime() / ms) * ms).toISOString();

const BAD_CREDENTIALS = () =>
  new OfficeError(401, 'BAD_CREDENTIALS', 'wrong user name or password');

export class LockedError extends OfficeError {
  readonly lockedUntil: string;
  constructor(lockedUntil: string) {
    super(423, 'LOCKED', `locked after failed logins until ${lockedUntil}`);
    this.lockedUntil = lockedUntil;
  }
}

export class RateLimitedError extends OfficeError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', 'too many login attempts from this address');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Signs in: a new session and its token (the caller sets the cookie). `previousTokenHash`, the
 * session the request came with, is ended. Every attempt is audited, without the password.
 */
export async function login(
  hub: HubContext,
  input: { userName: string; password: string },
  context: { address: string; settings: OfficeAuthSettings; previousTokenHash?: string | null },
): Promise<{ info: OfficeSessionInfo; token: string }> {
  const { settings } = context;
  const now = hub.now();
  const at = now.toISOString();
  const perAddress = await bumpRateLimit(
    hub.db,
    `login-address:${context.address}`,
    windowStart(now, 60_000),
  );
  if (perAddress > settings.loginsPerMinute)
    throw new RateLimitedError(60 - Math.floor((now.getTime() % 60_000) / 1000));
  await pruneRateLimits(hub.db, new Date(now.getTime() - 60 * 60_000).toISOString());
  await deleteStaleSessions(
    hub.db,
    at,
    new Date(now.getTime() - settings.idleSeconds * 1000).toISOString(),
  );

  const userName = normalizeUserName(input.userName).slice(0, 64);
  const user = await officeUserByName(hub.db, userName);
  const attempt: OfficeActor = user
    ? { userId: user.id, userName: user.user_name, role: user.role }
    : { userId: null, userName, role: '-' };
  const unknownKey = `login-name:${userName}`;
  const unknownWindow = windowStart(now, LOCK_MS);

  // Locked: refused without checking the password (nothing to learn from a locked account).
  const lockedUntil = user
    ? user.locked_until && user.locked_until > at
      ? user.locked_until
      : null
    : (await rateLimitCount(hub.db, unknownKey, unknownWindow)) >= LOCK_AFTER_FAILURES
      ? new Date(Date.parse(unknownWindow) + LOCK_MS).toISOString()
      : null;
  if (lockedUntil) {
    await appendOfficeAudit(
      hub.db,
      attempt,
      'session.login-locked',
      { address: context.address },
      at,
    );
    throw new LockedError(lockedUntil);
  }

  // The same scrypt work whether or not the user exists or is disabled.
  const isMatch = await verifySecret(
    input.password,
    user?.password_hash ?? (await standInHash(settings.passwordCost)),
  );
  if (!user || !isMatch || user.disabled_at) {
    const why = !user ? 'unknown-user' : user.disabled_at ? 'disabled' : 'password';
    if (user && !user.disabled_at)
      await hub.db.transaction().execute(async (trx) => {
        const failures = await addFailedLogin(trx, user.id);
        const lock = failures >= LOCK_AFTER_FAILURES;
        if (lock)
          await updateOfficeUser(trx, user.id, {
            failed_logins: 0,
            locked_until: new Date(now.getTime() + LOCK_MS).toISOString(),
          });
        await appendOfficeAudit(
          trx,
          attempt,
          'session.login-failed',
          { why, address: context.address, failures, ...(lock ? { locked: true } : {}) },
          at,
        );
      });
    else {
      if (!user) await bumpRateLimit(hub.db, unknownKey, unknownWindow);
      await appendOfficeAudit(
        hub.db,
        attempt,
        'session.login-failed',
        { why, address: context.address },
        at,
      );
    }
    throw BAD_CREDENTIALS();
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const tokenHash = sha256Hex(token);
  await hub.db.transaction().execute(async (trx) => {
    if (context.previousTokenHash) await deleteOfficeSession(trx, context.previousTokenHash);
    await updateOfficeUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await insertOfficeSession(trx, {
      token_hash: tokenHash,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + settings.sessionSeconds * 1000).toISOString(),
    });
    await appendOfficeAudit(trx, attempt, 'session.login', { address: context.address }, at);
  });
  return { info: sessionInfo(officeUserOf(user), csrfToken, settings), token };
}
