import { z } from 'zod';
import {
  deleteOfficeSession,
  deleteSessionsOfUser,
  officeUserById,
  updateOfficeUser,
} from '../../../db/queries/office-accounts';
import { OFFICE_ROLES } from '../../contract/office';
import type { SessionHandlers } from '../../contract/office/session';
import { verifySecret } from '../../protocol/password-hash';
import { checkPasswordRule, DEFAULT_AUTH_SETTINGS, hashPassword, sessionInfo } from './auth';
import { OfficeError, type OfficeCall, type OfficeHandlerMap } from './handler';

const EMPTY = z.strictObject({});

function sessionOf(call: OfficeCall) {
  if (!call.session) throw new OfficeError(401, 'NO_SESSION', 'not signed in');
  return call.session;
}

/**
 * Back-office handlers of the session area (issue 15). session-login is answered by the HTTP
 * layer itself (office/server.ts: it has no session yet and sets the cookie); its entry here
 * names its input and roles like every other handler.
 */
export const sessionHandlers: OfficeHandlerMap<keyof SessionHandlers> = {
  'session-login': {
    roles: OFFICE_ROLES,
    input: z.strictObject({
      userName: z.string().min(1).max(64),
      password: z.string().min(1).max(1024),
    }),
    run: () => {
      throw new OfficeError(400, 'ALREADY_SIGNED_IN', 'session-login is answered by the server');
    },
  },
  'session-get': {
    roles: OFFICE_ROLES,
    input: EMPTY,
    readOnly: true,
    run: async (call) => {
      const session = sessionOf(call);
      return sessionInfo(call.user, session.csrfToken, {
        ...DEFAULT_AUTH_SETTINGS,
        idleSeconds: session.idleSeconds,
      });
    },
  },
  'session-logout': {
    roles: OFFICE_ROLES,
    input: EMPTY,
    run: async (call) => {
      const session = sessionOf(call);
      await call.hub.db.transaction().execute(async (trx) => {
        await deleteOfficeSession(trx, session.tokenHash);
        await call.audit('session.logout', {}, trx);
      });
      return { signedOut: true };
    },
  },
  'session-password-change': {
    roles: OFFICE_ROLES,
    input: z.strictObject({
      current: z.string().min(1).max(1024),
      next: z.string().min(1).max(1024),
    }),
    run: async (call, input) => {
      const session = sessionOf(call);
      checkPasswordRule(input.next, call.user.userName);
      const user = await officeUserById(call.hub.db, call.user.id);
      if (!user) throw new OfficeError(404, 'NO_USER', 'no such user');
      if (!(await verifySecret(input.current, user.password_hash)))
        throw new OfficeError(403, 'WRONG_PASSWORD', 'the current password is wrong');
      if (input.next === input.current)
        throw new OfficeError(400, 'PASSWORD_UNCHANGED', 'the new password is the current one');
      const hash = await hashPassword(input.next, call.passwordCost);
      await call.hub.db.transaction().execute(async (trx) => {
        await updateOfficeUser(trx, user.id, { password_hash: hash, password_changed_at: call.at });
        const ended = await deleteSessionsOfUser(trx, user.id, session.tokenHash);
        await call.audit('session.password-change', { otherSessionsEnded: ended }, trx);
      });
      return { changed: true };
    },
  },
};
