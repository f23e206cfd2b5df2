import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { OfficeUserRow } from '../../../db/hub-schema';
import {
  countActiveAdmins,
  deleteSessionsOfUser,
  insertOfficeUser,
  listOfficeAudit,
  listOfficeUsers,
  lockOfficeAuditHead,
  officeUserById,
  updateOfficeUser,
} from '../../../db/queries/office-accounts';
import { OFFICE_ROLES } from '../../contract/office';
import type { AccountsHandlers, OfficeAccount } from '../../contract/office/accounts';
import { checkPasswordRule, hashPassword, normalizeUserName, USER_NAME } from './auth';
import { officeAuditEntry, verifyOfficeAudit } from './audit';
import { OfficeError, type OfficeHandlerMap } from './handler';

const ADMIN = ['admin'] as const;
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const userName = z
  .string()
  .transform(normalizeUserName)
  .pipe(z.string().regex(USER_NAME, 'user name: 3..32 of a-z 0-9 . _ -'));

export function officeAccount(
  row: OfficeUserRow & { last_seen_at?: string | null },
  at: string,
): OfficeAccount {
  return {
    id: row.id,
    userName: row.user_name,
    displayName: row.display_name,
    title: row.title,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until && row.locked_until > at ? row.locked_until : null,
    failedLogins: Number(row.failed_logins),
    passwordChangedAt: row.password_changed_at,
    lastSeenAt: row.last_seen_at ?? null,
  };
}

/** Back-office handlers of the accounts area (issue 15): admin only. */
export const accountsHandlers: OfficeHandlerMap<keyof AccountsHandlers> = {
  'accounts-list': {
    roles: ADMIN,
    input: z.strictObject({}),
    readOnly: true,
    run: async (call) => ({
      accounts: (await listOfficeUsers(call.hub.db)).map((row) => officeAccount(row, call.at)),
    }),
  },
  'accounts-create': {
    roles: ADMIN,
    input: z.strictObject({
      userName,
      displayName: text(1, 100),
      title: text(1, 150),
      role: z.enum(OFFICE_ROLES),
      password: z.string().max(1024),
    }),
    run: async (call, input) => {
      checkPasswordRule(input.password, input.userName);
      const row: OfficeUserRow = {
        id: randomUUID(),
        user_name: input.userName,
        display_name: input.displayName,
        title: input.title,
        role: input.role,
        password_hash: await hashPassword(input.password, call.passwordCost),
        created_at: call.at,
        disabled_at: null,
        failed_logins: 0,
        locked_until: null,
        password_changed_at: call.at,
      };
      await call.hub.db.transaction().execute(async (trx) => {
        if (!(await insertOfficeUser(trx, row)))
          throw new OfficeError(409, 'USER_NAME_TAKEN', `${input.userName} exists`);
        await call.audit(
          'accounts.create',
          {
            userId: row.id,
            userName: row.user_name,
            displayName: row.display_name,
            title: row.title,
            role: row.role,
          },
          trx,
        );
      });
      return officeAccount(row, call.at);
    },
  },
  'accounts-update': {
    roles: ADMIN,
    input: z.strictObject({
      userId: z.string().min(1).max(64),
      role: z.enum(OFFICE_ROLES).optional(),
      displayName: text(1, 100).optional(),
      title: text(1, 150).optional(),
      disabled: z.boolean().optional(),
      unlock: z.literal(true).optional(),
      newPassword: z.string().max(1024).optional(),
    }),
    run: async (call, input) => {
      const found = await officeUserById(call.hub.db, input.userId);
      if (!found) throw new OfficeError(404, 'NO_USER', 'no such user');
      if (input.newPassword !== undefined) checkPasswordRule(input.newPassword, found.user_name);
      const passwordHash =
        input.newPassword === undefined
          ? null
          : await hashPassword(input.newPassword, call.passwordCost);
      return call.hub.db.transaction().execute(async (trx) => {
        // Takes the audit's turn first: two admins demoting each other at once are serialised,
        // so the last-admin rule sees the other's change (PostgreSQL).
        await lockOfficeAuditHead(trx);
        const user = await officeUserById(trx, input.userId);
        if (!user) throw new OfficeError(404, 'NO_USER', 'no such user');
        const role = input.role ?? user.role;
        const disabledAt =
          input.disabled === undefined
            ? user.disabled_at
            : input.disabled
              ? (user.disabled_at ?? call.at)
              : null;
        const losesAdmin =
          user.role === 'admin' && !user.disabled_at && (role !== 'admin' || disabledAt !== null);
        if (losesAdmin && (await countActiveAdmins(trx, user.id)) === 0)
          throw new OfficeError(409, 'LAST_ADMIN', 'the last active admin stays an active admin');
        const patch = {
          role,
          display_name: input.displayName ?? user.display_name,
          title: input.title ?? user.title,
          disabled_at: disabledAt,
          ...(input.unlock ? { failed_logins: 0, locked_until: null } : {}),
          ...(passwordHash ? { password_hash: passwordHash, password_changed_at: call.at } : {}),
        };
        await updateOfficeUser(trx, user.id, patch);
        const endsSessions =
          role !== user.role || (disabledAt && !user.disabled_at) || passwordHash;
        const ended = endsSessions ? await deleteSessionsOfUser(trx, user.id) : 0;
        await call.audit(
          'accounts.update',
          {
            userId: user.id,
            userName: user.user_name,
            ...(role !== user.role ? { role: { from: user.role, to: role } } : {}),
            ...(patch.display_name !== user.display_name
              ? { displayName: patch.display_name }
              : {}),
            ...(patch.title !== user.title ? { title: patch.title } : {}),
            ...(disabledAt !== user.disabled_at ? { disabled: disabledAt !== null } : {}),
            ...(input.unlock ? { unlocked: true } : {}),
            ...(passwordHash ? { passwordReset: true } : {}),
            sessionsEnded: ended,
          },
          trx,
        );
        return officeAccount({ ...user, ...patch }, call.at);
      });
    },
  },
  'accounts-audit-list': {
    roles: ADMIN,
    readOnly: true,
    input: z.strictObject({
      beforeSeq: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500),
    }),
    run: async (call, input) => ({
      entries: (await listOfficeAudit(call.hub.db, input)).map(officeAuditEntry),
    }),
  },
  'accounts-audit-verify': {
    roles: ADMIN,
    readOnly: true,
    input: z.strictObject({}),
    run: async (call) => verifyOfficeAudit(call.hub.db),
  },
};
