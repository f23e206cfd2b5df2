import { randomUUID } from 'node:crypto';
import { countActiveAdmins, insertOfficeUser } from '../../../db/queries/office-accounts';
import type { ScryptParams } from '../../protocol/password-hash';
import type { HubContext } from '../context';
import { appendOfficeAudit, CLI_ACTOR } from './audit';
import { checkPasswordRule, hashPassword, normalizeUserName, USER_NAME } from './auth';
import { OfficeError } from './handler';

/**
 * `npm run hub -- admin-create`: the first administrator, made on the server itself (issue 15).
 * Refused when an active admin exists, unless `forceAnother` (a second admin, or a way back in
 * when every admin forgot their password). Audited as the command line.
 */
export async function createAdmin(
  hub: HubContext,
  input: {
    userName: string;
    displayName: string;
    title: string;
    password: string;
    forceAnother: boolean;
    cost?: ScryptParams | undefined;
  },
): Promise<{ id: string; userName: string }> {
  const userName = normalizeUserName(input.userName);
  if (!USER_NAME.test(userName))
    throw new OfficeError(400, 'BAD_USER_NAME', 'a user name is 3..32 of a-z 0-9 . _ -');
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 100)
    throw new OfficeError(400, 'BAD_NAME', '--name: 1..100 characters');
  checkPasswordRule(input.password, userName);
  const hash = await hashPassword(input.password, input.cost);
  const at = hub.at();
  const id = randomUUID();
  await hub.db.transaction().execute(async (trx) => {
    // The audit append first: it takes the chain's turn, so two admin-creates are serialised.
    await appendOfficeAudit(
      trx,
      CLI_ACTOR,
      'accounts.create',
      { userId: id, userName, displayName, role: 'admin', via: 'admin-create' },
      at,
    );
    if (!input.forceAnother && (await countActiveAdmins(trx)) > 0)
      throw new OfficeError(
        409,
        'ADMIN_EXISTS',
        'an administrator exists already: they create accounts in the back-office ' +
          '(--force-another makes one more)',
      );
    const isNew = await insertOfficeUser(trx, {
      id,
      user_name: userName,
      display_name: displayName,
      role: 'admin',
      title: input.title.trim() || 'Administrator',
      password_hash: hash,
      created_at: at,
      disabled_at: null,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: at,
    });
    if (!isNew) throw new OfficeError(409, 'USER_NAME_TAKEN', `${userName} exists`);
  });
  return { id, userName };
}
