import { ok, type Result, type SessionInfo } from '../../contract';
import type { UserRow } from '../../../db/schema';
import type { CallContext, Session } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { sessionInfo } from '../station/app';

/** Where a logout, an idle lock or an ended account leaves a connection: the anonymous kiosk. */
export const KIOSK_SESSION: Session = {
  role: 'kiosk',
  userName: null,
  mode: 'kiosk',
  userId: null,
};

/** The session of a signed-in officer; the display name is what headers and audit entries show. */
export function officerSession(user: Pick<UserRow, 'id' | 'role' | 'display_name'>): Session {
  return { role: user.role, userName: user.display_name, mode: 'officer', userId: user.id };
}

/** Switches the calling connection to `next` and tells its screen. */
export function switchSession(
  deps: CoreDeps,
  ctx: CallContext,
  next: Session,
): Result<SessionInfo> {
  ctx.setSession(next);
  const info = sessionInfo(deps, ctx.connectionId, next, ctx.source);
  ctx.push('session-changed', info);
  return ok(info);
}

/** Sends every connection signed in as `userId` back to the kiosk (account ended or changed). */
export function endSessionsOf(deps: CoreDeps, ctx: CallContext, userId: string): number {
  return ctx.resetSessions(
    (session) => session.userId === userId,
    KIOSK_SESSION,
    (connectionId, source) => sessionInfo(deps, connectionId, KIOSK_SESSION, source),
  );
}
